import type { Logger } from 'pino';

/**
 * Things started are stopped in reverse order: HTTP stops taking requests before the workers
 * finish their jobs, the queues close after the workers, the database after both, the managed
 * Redis last. A step that fails is logged and the rest still run.
 */
export class ShutdownStack {
  private readonly steps: Array<{ name: string; stop: () => Promise<void> }> = [];
  private stopping: Promise<void> | null = null;

  constructor(
    private readonly logger: Logger,
    /** A step that takes longer is abandoned (logged) so one stuck job cannot hold the exit forever. */
    private readonly stepTimeoutMs = 30_000,
  ) {}

  push(name: string, stop: () => Promise<void>): void {
    this.steps.push({ name, stop });
  }

  /**
   * `stepTimeoutMs` shortens the wait per step, for a stop after Redis was lost: the queue clients
   * then wait for a server that is not coming back, and nothing they hold can be saved anyway.
   */
  stop(stepTimeoutMs = this.stepTimeoutMs): Promise<void> {
    this.stopping ??= this.run(stepTimeoutMs);
    return this.stopping;
  }

  private async run(stepTimeoutMs: number): Promise<void> {
    for (const step of [...this.steps].reverse()) {
      const started = Date.now();
      try {
        await withTimeout(step.stop(), stepTimeoutMs, step.name);
        this.logger.info({ step: step.name, ms: Date.now() - started }, 'stopped');
      } catch (e) {
        this.logger.error(
          { step: step.name, err: e instanceof Error ? e.message : String(e) },
          'stop failed',
        );
      }
    }
  }
}

function withTimeout(work: Promise<void>, ms: number, name: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not stop within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
