import type { TicketEventType, TicketStatus } from '../../../core/tickets/index.js';

export const STATUS_LABELS: Record<TicketStatus, string> = {
  new: '新建',
  accepted: '已受理',
  dispatched: '已派单',
  acknowledged: '已响应',
  in_progress: '处理中',
  pending: '挂起',
  resolved: '已解决',
  closed: '已关闭',
  cancelled: '已取消',
};

export const EVENT_LABELS: Record<TicketEventType, string> = {
  created: '工单已登记',
  message_added: '补充信息',
  classified: '已分类',
  accepted: '服务台已受理',
  dispatched: '已派单给工程师',
  reassigned: '已改派',
  acknowledged: '工程师已响应',
  started: '开始处理',
  pended: '挂起',
  resumed: '恢复处理',
  resolved: '已解决',
  reopened: '重新处理',
  closed: '已关闭',
  cancelled: '已取消',
  triage_needed: '暂无合适工程师，由服务台人工派单',
  notified: '已通知',
  field_changed: '信息已更新',
};

/** Labels of the 工单 form fields, keyed by the field path the API and the form share. */
export const FIELD_LABELS: Record<string, string> = {
  'contact.department': '部门名称',
  'contact.name': '联系人',
  'contact.phone': '电话',
  'contact.email': '邮箱',
  'contact.wechatId': '微信号',
  'contact.officeLocation': '办公地点',
  location: '设备点位/位置',
  device: '设备名称',
  deviceDescription: '设备描述',
  moduleType: '模块类型',
  description: '故障现象描述',
  idempotencyKey: '提交标识',
};
