import type { ModuleType } from './module-type.js';

export const ROLES = ['reporter', 'desk', 'engineer', 'manager', 'auditor', 'it_head'] as const;
export type Role = (typeof ROLES)[number];
export const ENGINEER_LEVELS = [1, 2, 3] as const;
export type EngineerLevel = (typeof ENGINEER_LEVELS)[number];

/** Someone the desk knows: from the roster in desk.yaml, or a contact first seen on a channel. */
export interface Person {
  id: string;
  name: string;
  role: Role;
  /** Engineers only: 1 = first line (L1) … 3 = expert (L3). */
  level: EngineerLevel | null;
  department: string | null;
  officeLocation: string | null;
  phone: string | null;
  email: string | null;
  wechatId: string | null;
  wechatName: string | null;
  telegramId: string | null;
  /** Categories an engineer handles. */
  skills: ModuleType[];
  /** Buildings/floors an engineer covers; `*` covers everywhere. */
  areas: string[];
  active: boolean;
}
