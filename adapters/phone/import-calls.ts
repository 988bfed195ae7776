import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { mergeCalls, type CallRecord } from '../../core/phone/index.js';
import type { CallRepository, CallUpsertOutcome } from '../../core/ports/index.js';
import { CallRowReader, type CallReaderOptions } from './call-row-reader.js';

export interface RejectedRow {
  line: number;
  reason: string;
}

export interface CallImportSummary {
  bytes: number;
  /** CSV records read (blank lines and a mapped file's header not counted). */
  rows: number;
  /** Calls stored for the first time. */
  inserted: number;
  /** Stored calls a leg in this file changed (merged). */
  merged: number;
  /** Rows that told nothing new: already imported (a re-import) or repeating another leg. */
  duplicates: number;
  rejected: number;
  /** The first rejected rows with their line numbers (all are counted in `rejected`). */
  rejections: RejectedRow[];
  /** Rejections by reason, how many each. */
  reasons: Record<string, number>;
}

export interface CallImportOptions extends CallReaderOptions {
  /** Distinct calls per database write (default 5000). */
  batchSize?: number;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Called after each write with what changed (call-backs for missed calls hook in here). */
  onWritten?: (outcome: CallUpsertOutcome) => Promise<void>;
  /** How many rejected rows to keep with their line numbers (default 100). */
  keepRejections?: number;
}

const reasonKey = (reason: string): string => reason.replace(/"[^"]*"/g, '"…"');

/**
 * Streams a call-record file of any size into storage: parse, validate, merge the legs of each
 * call in memory, write in batches. Memory stays flat (one batch of calls); every bad row is
 * counted with its line and reason, and the rest still goes in. Re-importing changes nothing.
 */
export async function importCallFile(
  path: string,
  repo: CallRepository,
  options: CallImportOptions,
): Promise<CallImportSummary> {
  const totalBytes = (await stat(path)).size;
  const reader = new CallRowReader(options);
  const batchSize = options.batchSize ?? 5000;
  const keep = options.keepRejections ?? 100;
  const summary: CallImportSummary = {
    bytes: totalBytes,
    rows: 0,
    inserted: 0,
    merged: 0,
    duplicates: 0,
    rejected: 0,
    rejections: [],
    reasons: {},
  };
  const reject = (line: number, reason: string) => {
    summary.rejected += 1;
    const key = reasonKey(reason);
    summary.reasons[key] = (summary.reasons[key] ?? 0) + 1;
    if (summary.rejections.length < keep) summary.rejections.push({ line, reason });
  };

  // Legs of one call, merged before writing; rows counts how many rows each pending call stands for.
  let pending = new Map<string, { call: CallRecord; rows: number }>();
  const flush = async () => {
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    const outcome = await repo.upsertMany([...batch.values()].map((p) => p.call));
    summary.inserted += outcome.inserted.length;
    summary.merged += outcome.updated.length;
    for (const id of outcome.unchanged) summary.duplicates += batch.get(id)?.rows ?? 0;
    // A call written now stands for its first row; its other rows were legs merged into it.
    for (const c of [...outcome.inserted, ...outcome.updated])
      summary.duplicates += Math.max(0, (batch.get(c.sourceId)?.rows ?? 1) - 1);
    if (options.onWritten) await options.onWritten(outcome);
  };

  let bytesRead = 0;
  const input = createReadStream(path);
  input.on('data', (chunk) => {
    bytesRead += chunk.length;
    options.onProgress?.(bytesRead, totalBytes);
  });
  const parser = parse({
    delimiter: options.mapping?.delimiter ?? ',',
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    bom: true,
  });
  parser.on('skip', (e: Error & { lines?: number }) => reject(e.lines ?? 0, `unreadable CSV: ${e.message}`));
  input.pipe(parser);

  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const { record, info } = item;
    if (reader.wantsHeader) {
      const header = reader.header(record);
      if (!header.ok) throw new Error(`line ${info.lines}: ${header.error}`);
      continue;
    }
    summary.rows += 1;
    const call = reader.read(record);
    if (!call.ok) {
      reject(info.lines, call.error);
      continue;
    }
    const seen = pending.get(call.value.sourceId);
    if (seen) {
      seen.call = mergeCalls(seen.call, call.value);
      seen.rows += 1;
    } else pending.set(call.value.sourceId, { call: call.value, rows: 1 });
    if (pending.size >= batchSize) await flush();
  }
  await flush();
  options.onProgress?.(totalBytes, totalBytes);
  return summary;
}
