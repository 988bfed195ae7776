import { timers } from './schema/index.js';
import { selectList } from './sql-columns.js';
import type { Statement } from './sql-runner.js';
import { inputCte } from './ticket-write.sql.js';

/** Every column, shaped like drizzle's TimerRow, so toTimer maps the rows. */
const TIMER_SELECT = selectList(timers);

/** Params: the subjects as one text[]; a batch of list() calls, soonest due first. */
export const TIMERS_OF: Statement = {
  name: 'deskbot_timers_of',
  text: `select ${TIMER_SELECT} from timers where ticket_id = any($1::text[]) order by due_at, kind, n`,
};

/**
 * Params: $1 a JSON array of {ticket_id, kind, n, due_at, data, at}. Stores each as pending; a
 * pending timer with the same due time and data is left alone (no row back, its job stays), any
 * other is moved or re-armed with the next version. Rows go in key order, so two batches sharing
 * timers wait on each other instead of deadlocking. Two rows must not share a key.
 */
export const UPSERT_TIMERS: Statement = {
  name: 'deskbot_timers_upsert',
  plan: 'generic',
  text: `with ${inputCte('ticket_id text, kind text, n integer, due_at timestamptz, data jsonb, at timestamptz')}
  insert into timers as t (ticket_id, kind, n, due_at, state, version, data, created_at, updated_at)
    select ticket_id, kind, n, due_at, 'pending', 1, data, at, at from input order by ticket_id, kind, n
  on conflict (ticket_id, kind, n) do update set
    due_at = excluded.due_at, data = excluded.data, state = 'pending', version = t.version + 1,
    updated_at = excluded.updated_at, fired_at = null
    where not (t.state = 'pending' and t.due_at = excluded.due_at and t.data = excluded.data)
  returning ${TIMER_SELECT}`,
};
