import type { Person } from '../../../core/desk/person.js';
import { person as aPerson } from '../../support/test-desk.js';

/** A roster entry with the fields dispatch looks at; everything else blank. */
export function person(id: string, fields: Partial<Person> = {}): Person {
  return aPerson({ id, name: id, role: 'engineer', level: 1, ...fields });
}
