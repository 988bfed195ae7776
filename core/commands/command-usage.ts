import type { CommandKind } from './command.js';

const N = '#INC-20261123-0001';

/** The expected form of each command, shown in errors and in 帮助. */
export const COMMAND_USAGE: Record<CommandKind, string> = {
  acknowledge: `接单 ${N}（或引用派单消息回复“接单”） / /ack`,
  arrive: `到达 ${N} / /arrive`,
  note: `进展 ${N} 处理情况 / /note`,
  pend: `挂起 ${N} 原因 / /pend`,
  resume: `恢复 ${N} / /resume`,
  reassign: `转派 ${N} @工程师 原因(可选) / /reassign`,
  escalate: `升级 ${N} 原因 / /escalate`,
  resolve: `完成 ${N} 处理过程 配件:硒鼓,搓纸轮 耗材:A4纸 现场|远程 / /resolve`,
  progress: `进度 ${N} / /progress`,
  cancel: `取消 ${N} 原因(可选) / /cancel`,
  complain: `投诉 ${N} 投诉内容 / /complain`,
  lookup: `查询 ${N} / /lookup`,
  stats: '统计 今天|本周|本月 / /stats today|week|month',
  overdue: '超时 / /overdue',
  unrated: '未评价 / /unrated',
  missing_log: '缺日志 / /nolog',
  workload: '工作量 今天|本周|本月(默认本月) / /workload',
  handover: `交接 @接班人 早-中 备注(可写工单号 ${N}) / /handover`,
  link_call: `关联 ${N} 来电号码 / /link`,
  help: '帮助 / /help',
};

/** Chinese names for replies (“接单成功”, “无权转派”). */
export const COMMAND_LABEL: Record<CommandKind, string> = {
  acknowledge: '接单',
  arrive: '到达',
  note: '进展',
  pend: '挂起',
  resume: '恢复',
  reassign: '转派',
  escalate: '升级',
  resolve: '完成',
  progress: '进度',
  cancel: '取消',
  complain: '投诉',
  lookup: '查询',
  stats: '统计',
  overdue: '超时',
  unrated: '未评价',
  missing_log: '缺日志',
  workload: '工作量',
  handover: '交接',
  link_call: '关联',
  help: '帮助',
};
