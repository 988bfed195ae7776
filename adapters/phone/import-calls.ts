import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { mergeCalls, type CallRecord } from '../../core/phone/index.js';
import type { CallImportCounts, CallRepository, CallUpsertOutcome } from '../../core/ports/index.js';
import { CallRowReader, ownCopy, type CallReaderOptions } from './call-row-reader.js';
import { CsvRecordParser } from './csv-records.js';

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
  /**
   * Distinct calls per database write (default 2000). Two batches are in memory (one written, one
   * read); at 5000 the 1,000,000-row bench peaked at 275–294 MB RSS, at 2000 at 253–259 MB, as fast.
   */
  batchSize?: number;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Called after each write with what changed (call-backs for missed calls hook in here). */
  onWritten?: (outcome: CallUpsertOutcome) => Promise<void>;
  /** How many rejected rows to keep with their line numbers (default 100). */
  keepRejections?: number;
}

/**
 * Read size. A chunk decodes to one string; at 64 KB it is a young-generation object, freed by
 * the next scavenge, where a 1 MB one goes to V8's large-object space and waits for a full GC
 * (1 MB reads took the 1,000,000-row bench over its 300 MB RSS target).
 */
const CHUNK_BYTES = 64 * 1024;

const reasonKey = (reason: string): string => reason.replace(/"[^"]*"/g, '"…"');

/**
 * Streams a call-record file of any size into storage: parse, validate, merge the legs of each
 * call in memory, write in batches, the next batch read while the last one is written. Memory
 * stays flat (two batches of calls); every bad row is counted with its line and reason, and the
 * rest still goes in. Re-importing changes nothing.
 */
export async function importCallFile(
  path: string,
  repo: CallRepository,
  options: CallImportOptions,
): Promise<CallImportSummary> {
  const totalBytes = (await stat(path)).size;
  const reader = new CallRowReader(options);
  const batchSize = options.batchSize ?? 2000;
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
  const reject = (line: number, text: string) => {
    const reason = ownCopy(text); // it quotes the row's text, which it must not keep in memory
    summary.rejected += 1;
    const key = reasonKey(reason);
    summary.reasons[key] = (summary.reasons[key] ?? 0) + 1;
    if (summary.rejections.length < keep) summary.rejections.push({ line, reason });
  };

  // Legs of one call, merged before writing; rows counts how many rows each pending call stands for.
  type Batch = Map<string, { call: CallRecord; rows: number }>;
  let pending: Batch = new Map();
  const full: Batch[] = [];
  const write = async (batch: Batch) => {
    const calls = Array.from(batch.values(), (p) => p.call);
    let rows = 0;
    for (const p of batch.values()) rows += p.rows;
    let written: CallImportCounts;
    if (options.onWritten) {
      const outcome = await repo.upsertMany(calls);
      written = { inserted: outcome.inserted.length, updated: outcome.updated.length };
      await options.onWritten(outcome);
    } else written = await repo.importMany(calls);
    summary.inserted += written.inserted;
    summary.merged += written.updated;
    // A call written now stands for its first row; its other rows were legs merged into it. An
    // unchanged call's rows all told nothing new.
    summary.duplicates += rows - written.inserted - written.updated;
  };
  // One batch is written while the next is read: the database and the parsing overlap. A leg of a
  // call in the batch being written waits in the next one, which is written after it (and merges).
  let writing: Promise<void> = Promise.resolve();
  const startWriting = async (batch: Batch) => {
    await writing;
    writing = write(batch);
    writing.catch(() => undefined); // thrown where the next batch or the end awaits it
  };

  let headerError: string | null = null;
  const csv = new CsvRecordParser(
    {
      record(record, line) {
        if (headerError !== null) return;
        if (reader.wantsHeader) {
          const header = reader.header(record);
          if (!header.ok) headerError = `line ${line}: ${header.error}`;
          return;
        }
        summary.rows += 1;
        const call = reader.read(record);
        if (!call.ok) {
          reject(line, call.error);
          return;
        }
        const seen = pending.get(call.value.sourceId);
        if (seen) {
          seen.call = mergeCalls(seen.call, call.value);
          seen.rows += 1;
          return;
        }
        pending.set(call.value.sourceId, { call: call.value, rows: 1 });
        if (pending.size >= batchSize) {
          full.push(pending);
          pending = new Map();
        }
      },
      skip: (line, reason) => reject(line, `unreadable CSV: ${reason}`),
    },
    { delimiter: options.mapping?.delimiter ?? ',' },
  );

  let bytesRead = 0;
  const input = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      csv.write(chunk);
      if (headerError !== null) throw new Error(headerError);
      bytesRead += chunk.length;
      options.onProgress?.(bytesRead, totalBytes);
      for (const batch of full.splice(0)) await startWriting(batch);
    }
    csv.end();
    if (headerError !== null) throw new Error(headerError);
    for (const batch of full.splice(0)) await startWriting(batch);
    if (pending.size > 0) await startWriting(pending);
    await writing;
  } finally {
    // On a failure, let the write under way finish before the caller closes the database.
    await writing.catch(() => undefined);
  }
  options.onProgress?.(totalBytes, totalBytes);
  return summary;
}
