import type { Person } from '../../desk/person.js';

const norm = (s: string): string => s.normalize('NFKC').trim().toLowerCase();

/** The active roster entry an @-name means: by id, name or WeChat display name, exact match only. */
export function findPerson(name: string, people: readonly Person[]): Person | null {
  const wanted = norm(name.replace(/^@/u, ''));
  if (wanted === '') return null;
  const active = people.filter((p) => p.active);
  return (
    active.find((p) => norm(p.id) === wanted) ??
    active.find((p) => norm(p.name) === wanted) ??
    active.find((p) => p.wechatName !== null && norm(p.wechatName) === wanted) ??
    null
  );
}
