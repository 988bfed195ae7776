import { timestamp } from 'drizzle-orm/pg-core';

/** Every instant is stored with its zone: the desk runs in one zone, servers may run in another. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
