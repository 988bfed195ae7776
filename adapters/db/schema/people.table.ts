import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import type { EngineerLevel, ModuleType, Role } from '../../../core/desk/index.js';
import { instant } from './columns.js';

/** The roster from desk.yaml; ids are the roster's ids. Never deleted, only deactivated (tickets name them). */
export const people = pgTable(
  'people',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role').$type<Role>().notNull(),
    level: smallint('level').$type<EngineerLevel>(),
    department: text('department'),
    officeLocation: text('office_location'),
    phone: text('phone'),
    email: text('email'),
    wechatId: text('wechat_id'),
    wechatName: text('wechat_name'),
    telegramId: text('telegram_id'),
    skills: text('skills')
      .array()
      .$type<ModuleType[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    areas: text('areas')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('people_email_idx').on(sql`lower(${t.email})`),
    index('people_wechat_id_idx').on(t.wechatId),
    index('people_telegram_id_idx').on(t.telegramId),
    check('people_level_check', sql`${t.level} is null or ${t.level} between 1 and 3`),
  ],
);

export type PersonRow = typeof people.$inferSelect;
export type PersonInsert = typeof people.$inferInsert;
