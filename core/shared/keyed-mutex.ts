/**
 * Runs tasks that share a key one after another, tasks with different keys side by side. Pure
 * promise bookkeeping: the caller decides what a key means (here: a dispatch category).
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const release = await this.acquire(key);
    try {
      return await task();
    } finally {
      release();
    }
  }

  /**
   * Waits for the key's turn and returns the function that ends it, for a holder that can let the
   * next one go before its own work is over. Calling it again does nothing.
   */
  async acquire(key: string): Promise<() => void> {
    const before = this.tails.get(key) ?? Promise.resolve();
    let open!: () => void;
    const done = new Promise<void>((resolve) => (open = resolve));
    const tail = before.then(() => done);
    this.tails.set(key, tail);
    await before;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      open();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}
