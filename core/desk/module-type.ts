/** 模块类型 on the 工单 form. `其他` is the fallback when nothing else fits. */
export const MODULE_TYPES = [
  '电脑',
  '网络',
  '打印机',
  '一卡通',
  '视频系统',
  '电话',
  '门禁系统',
  '其他',
] as const;
export type ModuleType = (typeof MODULE_TYPES)[number];
export const FALLBACK_MODULE_TYPE: ModuleType = '其他';
