import { OPEN_STATUSES, type NewTicket, type Ticket } from '../../core/tickets/index.js';
import { ticketEvents, tickets } from './schema/index.js';
import { selectList } from './sql-columns.js';
import type { Statement } from './sql-runner.js';

const TICKET_SELECT = selectList(tickets);

/** Params: the ids as one text[]; a batch of findById calls. */
export const TICKETS_BY_ID: Statement = {
  name: 'deskbot_tickets_by_id',
  text: `select ${TICKET_SELECT} from tickets where id = any($1::text[])`,
};

/** Params: the numbers as one text[]; a batch of findByNumber calls. */
export const TICKETS_BY_NUMBER: Statement = {
  name: 'deskbot_tickets_by_number',
  text: `select ${TICKET_SELECT} from tickets where number = any($1::text[])`,
};

/** Params: the ticket ids as one text[]; a batch of events() calls, each ticket's in order. */
export const TICKET_EVENTS: Statement = {
  name: 'deskbot_ticket_events_of',
  text: `select ${selectList(ticketEvents)} from ticket_events where ticket_id = any($1::text[]) order by id`,
};

/** The open statuses are constants of the code, spelled into the text so the plan knows them. */
const OPEN = OPEN_STATUSES.map((s) => `'${s.replaceAll("'", "''")}'`).join(', ');
/** Reads the counts the triggers keep (see ticket_person_counts), not the tickets themselves. */
const openCounts = (role: 'assignee' | 'owner'): Statement => ({
  name: `deskbot_tickets_open_by_${role}`,
  plan: 'generic',
  text: `select person_id as "personId", sum(tickets)::int as open from ticket_person_counts
    where role = '${role}' and person_id = any($1::text[]) and status in (${OPEN})
    group by person_id
    having sum(tickets) > 0`,
});
/** Params: the person ids as one text[] (the union of a batch's). */
export const OPEN_COUNTS_BY_ASSIGNEE = openCounts('assignee');
export const OPEN_COUNTS_BY_OWNER = openCounts('owner');

/**
 * The ticket as stored after a write of `t`: its columns are exactly what was written, so the
 * row need not be read back. Nested values are copied so the caller's object is not shared.
 */
export function storedTicket(t: NewTicket, identity: Pick<Ticket, 'id' | 'number' | 'version'>): Ticket {
  return {
    ...t,
    ...identity,
    reporter: { ...t.reporter },
    resolution: {
      ...t.resolution,
      parts: [...t.resolution.parts],
      consumables: [...t.resolution.consumables],
    },
  };
}
