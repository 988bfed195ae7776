/** desk.yaml `chat:`: how the bots turn group chatter into reports. All optional, with defaults. */
export interface ChatSettings {
  /** A reporter's lines, pictures and voice notes closer together than this form one report. */
  burstWindowSeconds: number;
  /** However long a burst goes on, the ticket is opened this long after its first line. */
  burstMaxSeconds: number;
  /** Classifier confidence from which a line reads as a fault report on its own. */
  reportConfidence: number;
  /** Lower confidence that still counts when the line also says something is broken (坏了, 无法…). */
  faultCueConfidence: number;
}

export const DEFAULT_CHAT_SETTINGS: ChatSettings = {
  burstWindowSeconds: 20,
  burstMaxSeconds: 120,
  reportConfidence: 0.6,
  faultCueConfidence: 0.25,
};
