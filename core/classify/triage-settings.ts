/** desk.yaml `triage:` — every key optional; the defaults suit a desk that has not trained yet. */
export interface TriageSettings {
  /** Below this category confidence a ticket waits for the desk with the top-3 suggestions. */
  threshold: number;
  /** Building and area names beyond the roster's (the roster's areas and offices are always used). */
  places: string[];
  /** System names to recognise in reports (OA, 教务系统, VPN …). */
  systems: string[];
  /** Requests the desk solves remotely first (password reset, account unlock, software install …). */
  remoteFirst: string[];
  /** How often the retrain job folds new corrections in; 0 = only by `deskbot train`. */
  retrainMinutes: number;
  /** How often workers look for a newer model version. */
  modelPollSeconds: number;
}

export const DEFAULT_TRIAGE_SETTINGS: TriageSettings = {
  threshold: 0.6,
  places: [],
  systems: [
    'OA',
    'ERP',
    'VPN',
    'outlook',
    'exchange',
    '邮箱',
    '教务系统',
    '财务系统',
    '钉钉',
    '企业微信',
    '腾讯会议',
    'zoom',
    'teams',
    'wps',
    'office',
  ],
  remoteFirst: [
    '重置密码',
    '密码重置',
    '忘记密码',
    '改密码',
    '修改密码',
    '解锁',
    '账号锁',
    '账号被锁',
    '账户锁定',
    '安装软件',
    '装软件',
    '装一下',
    '安装一下',
    '装个',
    '打印机驱动',
    '驱动',
    '添加打印机',
    '连打印机',
    '邮箱设置',
    '开通权限',
    'password reset',
    'reset my password',
    'forgot my password',
    'unlock',
    'locked out',
    'install',
    'driver',
  ],
  retrainMinutes: 60,
  modelPollSeconds: 30,
};
