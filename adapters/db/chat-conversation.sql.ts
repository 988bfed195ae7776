import { chatDrafts } from './schema/index.js';
import { selectList } from './sql-columns.js';
import type { Statement } from './sql-runner.js';

/*
 * The burst-draft writes, each one statement: a chat line costs one round trip to the database
 * and holds no lock between statements. With embedded PGlite on its own thread
 * (pglite-thread.ts) a transaction of several statements keeps PGlite's only connection for as
 * long as the main thread takes to send the next one, so every other query waits behind it.
 */

/** Every draft column, shaped like drizzle's ChatDraftRow. */
const DRAFT_SELECT = selectList(chatDrafts);

const LINE_VALUES = `$2::text, $3::text, $4::text, $5::jsonb, $6::timestamptz`;

/**
 * Params: $1 the draft as JSON (id, channel, conversation_key, conversation_id, conversation_title,
 * sender_key, sender, reason, opened_at, last_at, closes_at); the first line: $2 external id,
 * $3 text, $4 kind, $5 attachments (JSON), $6 at. Opens the draft with its line; no row back when
 * the reporter already has an open draft (the partial unique index). A line stored before fails
 * the statement at its unique key, and the draft is not kept either.
 */
export const OPEN_DRAFT: Statement = {
  name: 'deskbot_chat_open_draft',
  text: `with draft as (
    insert into chat_drafts (id, channel, conversation_key, conversation_id, conversation_title, sender_key,
      sender, status, reason, opened_at, last_at, closes_at)
    select d.id, d.channel, d.conversation_key, d.conversation_id, d.conversation_title, d.sender_key,
      d.sender, 'open', d.reason, d.opened_at, d.last_at, d.closes_at
    from jsonb_to_record($1::jsonb) as d(id text, channel text, conversation_key text, conversation_id text,
      conversation_title text, sender_key text, sender jsonb, reason text, opened_at timestamptz,
      last_at timestamptz, closes_at timestamptz)
    on conflict do nothing
    returning *
  ), line as (
    insert into chat_draft_lines (draft_id, channel, external_id, text, kind, attachments, at)
    select draft.id, draft.channel, ${LINE_VALUES} from draft
  )
  select ${DRAFT_SELECT} from draft`,
};

/**
 * Params: $1 draft id, the line as in OPEN_DRAFT ($2…$6), $7 the closing time the line asks for,
 * $8 the reason that makes a tentative draft a report (or null), $9 the tentative reasons.
 *
 * The draft's row is locked first and must still be open: a close that got there first wins (the
 * line is refused as 'closed'), and a close that comes second waits for this statement, then sees
 * the line. A line stored before inserts nothing and moves nothing. Otherwise the last line's time
 * and the closing time only ever move later. One row back: whether the draft was open, whether the
 * line was new, and the draft as stored after it.
 */
export const ADD_LINE: Statement = {
  name: 'deskbot_chat_add_line',
  text: `with open_draft as (
    select id, channel from chat_drafts where id = $1 and status = 'open' for update
  ), line as (
    insert into chat_draft_lines (draft_id, channel, external_id, text, kind, attachments, at)
    select open_draft.id, open_draft.channel, ${LINE_VALUES} from open_draft
    on conflict (channel, external_id) do nothing
    returning draft_id
  ), moved as (
    update chat_drafts set
      last_at = greatest(last_at, $6::timestamptz),
      closes_at = greatest(closes_at, $7::timestamptz),
      reason = case when $8::text is not null and reason = any($9::text[]) then $8::text else reason end
    where id in (select draft_id from line)
    returning *
  )
  select (select count(*) from open_draft)::int as "wasOpen", (select count(*) from line)::int as "added",
    ${DRAFT_SELECT} from (values (1)) as one left join moved on true`,
};

/**
 * Params: $1 draft id. open → closing, returning the draft; the draft as it is when it was not
 * open; nothing when there is no such draft. The update waits for a line being added to the draft,
 * so the lines, read by the next statement, include it.
 */
export const CLOSE_DRAFT: Statement = {
  name: 'deskbot_chat_close_draft',
  text: `with closing as (
    update chat_drafts set status = 'closing' where id = $1 and status = 'open' returning *
  )
  select ${DRAFT_SELECT} from closing
  union all
  select ${DRAFT_SELECT} from chat_drafts where id = $1 and not exists (select 1 from closing)`,
};
