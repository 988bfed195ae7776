import type { Person } from '../../core/desk/index.js';
import type { PersonInsert, PersonRow } from './schema/index.js';

/** The roster fields only; timestamps are the database's business. */
export type PersonColumns = Omit<PersonInsert, 'createdAt' | 'updatedAt'>;

export function personToColumns(p: Person): PersonColumns {
  return {
    id: p.id,
    name: p.name,
    role: p.role,
    level: p.level,
    department: p.department,
    officeLocation: p.officeLocation,
    phone: p.phone,
    email: p.email,
    wechatId: p.wechatId,
    wechatName: p.wechatName,
    telegramId: p.telegramId,
    skills: [...p.skills],
    areas: [...p.areas],
    active: p.active,
  };
}

export function rowToPerson(r: PersonRow): Person {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    level: r.level,
    department: r.department,
    officeLocation: r.officeLocation,
    phone: r.phone,
    email: r.email,
    wechatId: r.wechatId,
    wechatName: r.wechatName,
    telegramId: r.telegramId,
    skills: r.skills,
    areas: r.areas,
    active: r.active,
  };
}

/** Whether two roster entries say the same thing (decides "updated" when syncing the roster). */
export function samePerson(a: Person, b: Person): boolean {
  const key = (p: Person) =>
    JSON.stringify([
      p.id,
      p.name,
      p.role,
      p.level,
      p.department,
      p.officeLocation,
      p.phone,
      p.email,
      p.wechatId,
      p.wechatName,
      p.telegramId,
      p.skills,
      p.areas,
      p.active,
    ]);
  return key(a) === key(b);
}
