/**
 * A token bucket per room: a short burst goes out at once, a longer one is paced to `perSecond`.
 * Platforms throttle (and may ban) accounts that post fast into one group; other rooms are unaffected.
 */
export class RoomRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number; tail: Promise<void> }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when one more message may be sent to `room`; callers for one room are served in order. */
  take(room: string): Promise<void> {
    return this.run(room, async () => undefined);
  }

  /**
   * Runs `send` for `room` when a token is free and the room's previous `run` has settled (resolved
   * or thrown), so messages to one room leave one at a time, in the order they were handed in, and
   * cannot overtake each other on the wire. Waiting holds only a promise: other rooms go on meanwhile.
   */
  run<T>(room: string, send: () => Promise<T>): Promise<T> {
    const bucket = this.buckets.get(room) ?? { tokens: this.burst, at: this.now(), tail: Promise.resolve() };
    this.buckets.set(room, bucket);
    const turn = bucket.tail.then(async () => {
      const now = this.now();
      bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
      bucket.at = now;
      if (bucket.tokens < 1) {
        const waitMs = ((1 - bucket.tokens) / this.perSecond) * 1000;
        await new Promise((r) => setTimeout(r, waitMs));
        bucket.tokens = 1;
        bucket.at = this.now();
      }
      bucket.tokens -= 1;
      return send();
    });
    bucket.tail = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }
}
