/** desk.yaml `handover:`. */
export interface HandoverSettings {
  /** After a shift end, the desk is told again this often until the tickets are handed over. */
  flagRepeatMinutes: number;
}

export const DEFAULT_HANDOVER: HandoverSettings = { flagRepeatMinutes: 30 };
