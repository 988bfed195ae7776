import type { z } from 'zod';
import { MODULE_TYPES } from '../../core/desk/index.js';
import { isBlank } from './desk-values.js';

/*
 * Rules that span entries. They run on the document even when some fields failed their own schema
 * (zod then hands over a partly parsed value), so everything here reads the value defensively and stays
 * quiet about sections that are broken anyway: those already have their own problem.
 */

type Ctx = z.core.$RefinementCtx<unknown>;
type Path = (string | number)[];

const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const list = (v: unknown): unknown[] | null => (Array.isArray(v) ? v : null);
const text = (v: unknown): string | null =>
  isBlank(v) ? null : typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : null;

function issue(ctx: Ctx, path: Path, message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

const where = (path: Path) =>
  path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');

/** Reports every later entry whose key repeats an earlier one's. */
function noDuplicates(
  ctx: Ctx,
  entries: { key: string | null; path: Path }[],
  what: (key: string) => string,
) {
  const first = new Map<string, Path>();
  for (const { key, path } of entries) {
    if (key === null) continue;
    const seen = first.get(key);
    if (seen) issue(ctx, path, `${what(key)} is already used at ${where(seen)}`);
    else first.set(key, path);
  }
}

export function deskCrossChecks(value: unknown, ctx: Ctx): void {
  const doc = record(value);
  const people = (list(doc.people) ?? []).map(record);
  const shifts = list(doc.shifts);
  const categories = list(doc.categories);
  const definedCategories = new Set((categories ?? []).map((c) => text(record(c).name)));

  people.forEach((person, i) => checkPerson(ctx, person, i, categories ? definedCategories : null));

  noDuplicates(
    ctx,
    people.map((p, i) => ({ key: text(p.id), path: ['people', i, 'id'] })),
    (k) => `id '${k}'`,
  );
  const contacts = [
    ['email', (s: string) => s.toLowerCase()],
    ['phone', (s: string) => s.replace(/[^\d+]/g, '')],
    ['wechatId', (s: string) => s],
    ['telegramId', (s: string) => s],
  ] as const;
  for (const [field, normalise] of contacts) {
    const entries = people.map((p, i) => {
      const raw = text(p[field]);
      return { key: raw === null ? null : normalise(raw), path: ['people', i, field] };
    });
    noDuplicates(ctx, entries, (k) => `${field} '${k}'`);
  }

  if (list(doc.people)) {
    const active = (role: string) =>
      people.some((p) => text(p.role) === role && p.active !== false && p.active !== 'false');
    if (!active('desk'))
      issue(ctx, ['people'], 'needs at least one active person with role desk (服务台工程师)');
    if (!active('manager'))
      issue(ctx, ['people'], 'needs at least one active person with role manager (运维经理)');
  }

  const shiftNames = (shifts ?? []).map((s) => text(record(s).name));
  noDuplicates(
    ctx,
    shiftNames.map((key, i) => ({ key, path: ['shifts', i, 'name'] })),
    (k) => `shift name '${k}'`,
  );

  checkRota(ctx, list(doc.rota) ?? [], shifts ? new Set(shiftNames) : null, list(doc.people) ? people : null);
  checkCategories(ctx, (categories ?? []).map(record));
}

function checkPerson(
  ctx: Ctx,
  person: Record<string, unknown>,
  i: number,
  categories: Set<string | null> | null,
) {
  const role = text(person.role);
  const hasLevel = text(person.level) !== null;
  if (role === 'engineer' && !hasLevel) {
    issue(ctx, ['people', i, 'level'], 'is required for an engineer: 1, 2 or 3 (L1 first line … L3 expert)');
  }
  if (role !== null && role !== 'engineer' && hasLevel) {
    issue(ctx, ['people', i, 'level'], `only engineers have a level (this person's role is ${role})`);
  }
  const skills = list(person.skills);
  if (categories && skills) {
    skills.forEach((skill, j) => {
      const name = text(skill);
      if (name !== null && (MODULE_TYPES as readonly string[]).includes(name) && !categories.has(name)) {
        issue(ctx, ['people', i, 'skills', j], `'${name}' is not among the categories defined in this file`);
      }
    });
  }
  const active = person.active !== false && person.active !== 'false';
  if (role === 'engineer' && active) {
    if (skills?.length === 0 || isBlank(person.skills)) {
      issue(
        ctx,
        ['people', i, 'skills'],
        'an engineer needs at least one skill (a category name such as 电脑)',
      );
    }
    if (list(person.areas)?.length === 0 || isBlank(person.areas)) {
      issue(
        ctx,
        ['people', i, 'areas'],
        "an engineer needs at least one area (a building, or '*' for everywhere)",
      );
    }
  }
}

function checkRota(
  ctx: Ctx,
  rota: unknown[],
  shiftNames: Set<string | null> | null,
  people: Record<string, unknown>[] | null,
) {
  const ids = new Set(people?.map((p) => text(p.id)));
  rota.map(record).forEach((entry, i) => {
    const shift = text(entry.shift);
    if (shiftNames && shift !== null && !shiftNames.has(shift)) {
      const known = [...shiftNames].filter((s) => s !== null).join(', ');
      issue(ctx, ['rota', i, 'shift'], `names no defined shift '${shift}'; shifts are ${known}`);
    }
    if (!people) return;
    (list(entry.people) ?? []).forEach((id, j) => {
      const name = text(id);
      if (name !== null && !ids.has(name))
        issue(ctx, ['rota', i, 'people', j], `'${name}' is not a person id in people`);
    });
  });
}

function checkCategories(ctx: Ctx, categories: Record<string, unknown>[]) {
  noDuplicates(
    ctx,
    categories.map((c, i) => ({ key: text(c.name), path: ['categories', i, 'name'] })),
    (k) => `category ${k}`,
  );
  // The rule classifier scores categories by their keywords; one keyword in two categories decides nothing.
  const keywords = categories.flatMap((c, i) =>
    (list(c.keywords) ?? []).map((k, j) => ({
      key: text(k)?.toLowerCase() ?? null,
      path: ['categories', i, 'keywords', j],
    })),
  );
  noDuplicates(ctx, keywords, (k) => `keyword '${k}'`);
}
