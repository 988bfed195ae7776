import type { Person } from '../../../core/desk/person.js';

/** A roster entry with the fields dispatch looks at; everything else blank. */
export function person(id: string, fields: Partial<Person> = {}): Person {
  return {
    id,
    name: id,
    role: 'engineer',
    level: 1,
    department: null,
    officeLocation: null,
    phone: null,
    email: null,
    wechatId: null,
    wechatName: null,
    telegramId: null,
    skills: [],
    areas: [],
    active: true,
    ...fields,
  };
}
