/** desk.yaml `commands:` — thresholds of the auditors' questions. */
export interface CommandSettings {
  /** 缺日志: an open ticket with no 进展 note or status change for this many hours is missing its log. */
  missingLogHours: number;
  /** 超时: tickets this many minutes before their response deadline are listed as at risk. */
  atRiskMinutes: number;
}

export const DEFAULT_COMMAND_SETTINGS: CommandSettings = { missingLogHours: 4, atRiskMinutes: 2 };
