import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoomRateLimiter } from '../../../bots/shared/room-rate-limiter.js';

// Fake timers drive both the limiter's clock (Date.now) and its waits (setTimeout).
beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2025-03-03T09:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Starts `count` takes for `room` and records, for each, the fake time (ms from start) it was let through. */
function takes(limiter: RoomRateLimiter, room: string, count: number, log: Array<[string, number]>) {
  const start = Date.now();
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      limiter.take(room).then(() => log.push([`${room}#${i}`, Date.now() - start])),
    ),
  );
}

describe('RoomRateLimiter', () => {
  it('lets a burst through at once, then paces the rest at perSecond', async () => {
    const limiter = new RoomRateLimiter(2, 5, () => Date.now());
    const log: Array<[string, number]> = [];
    const done = takes(limiter, 'r1', 8, log);

    await vi.advanceTimersByTimeAsync(0);
    expect(log.map(([, at]) => at)).toEqual([0, 0, 0, 0, 0]);

    await vi.advanceTimersByTimeAsync(499);
    expect(log).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(1);
    expect(log).toHaveLength(6);
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    expect(log.map(([, at]) => at)).toEqual([0, 0, 0, 0, 0, 500, 1000, 1500]);
  });

  it('refills while a room is quiet, up to the burst and no more', async () => {
    const limiter = new RoomRateLimiter(2, 3, () => Date.now());
    const log: Array<[string, number]> = [];
    await takes(limiter, 'r1', 3, log);
    // A minute of quiet earns back only the burst: three at once, the fourth half a second later.
    await vi.advanceTimersByTimeAsync(60_000);
    log.length = 0;
    const again = takes(limiter, 'r1', 4, log);
    await vi.advanceTimersByTimeAsync(500);
    await again;
    expect(log.map(([, at]) => at)).toEqual([0, 0, 0, 500]);
  });

  it('keeps rooms independent: a room over its rate does not hold up another', async () => {
    const limiter = new RoomRateLimiter(2, 5, () => Date.now());
    const log: Array<[string, number]> = [];
    const busy = takes(limiter, 'busy', 30, log);
    await vi.advanceTimersByTimeAsync(1000);
    const quiet = takes(limiter, 'quiet', 2, log);
    await vi.advanceTimersByTimeAsync(0);
    await quiet;
    expect(log.filter(([k]) => k.startsWith('quiet')).map(([, at]) => at)).toEqual([0, 0]);
    // The busy room is still being paced: burst of 5 plus two more in the first second.
    expect(log.filter(([k]) => k.startsWith('busy'))).toHaveLength(7);
    await vi.advanceTimersByTimeAsync(20_000);
    await busy;
  });

  it('serves one room in the order the messages were handed in, while paced and however long each send takes', async () => {
    const limiter = new RoomRateLimiter(2, 2, () => Date.now());
    const delivered: number[] = [];
    const all: Array<Promise<void>> = [];
    for (let i = 0; i < 10; i++) {
      all.push(
        limiter.run('r1', async () => {
          await new Promise((r) => setTimeout(r, (10 - i) * 40));
          delivered.push(i);
        }),
      );
      // Later messages come in while earlier ones are still waiting for their turn.
      await vi.advanceTimersByTimeAsync(150);
    }
    await vi.advanceTimersByTimeAsync(20_000);
    await Promise.all(all);
    expect(delivered).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('run: sends to one room one at a time, in order, even when sends take different times', async () => {
    const limiter = new RoomRateLimiter(100, 10, () => Date.now());
    const events: string[] = [];
    const durations = [300, 10, 200, 0];
    const sent = durations.map((ms, i) =>
      limiter.run('r1', async () => {
        events.push(`start ${i}`);
        await new Promise((r) => setTimeout(r, ms));
        events.push(`end ${i}`);
        return i;
      }),
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(await Promise.all(sent)).toEqual([0, 1, 2, 3]);
    expect(events).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('run: a send that throws rejects its caller and does not stop the room', async () => {
    const limiter = new RoomRateLimiter(2, 5, () => Date.now());
    const failed = limiter.run('r1', () => Promise.reject(new Error('platform said no')));
    const next = limiter.run('r1', () => Promise.resolve('sent'));
    await expect(failed).rejects.toThrow('platform said no');
    await vi.advanceTimersByTimeAsync(0);
    await expect(next).resolves.toBe('sent');
  });
});
