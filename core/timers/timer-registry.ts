import type { TimerHandler } from '../ports/timer-scheduler.port.js';

/**
 * Which handler fires which kind family. Features register theirs at wiring time (SLA registers
 * `sla`, follow-ups `followup`); the timer worker looks the family up for every due timer.
 */
export class TimerRegistry {
  private readonly handlers = new Map<string, TimerHandler>();

  register(handler: TimerHandler): this {
    if (!/^[a-z][a-z0-9]*$/.test(handler.family))
      throw new Error(`Timer family "${handler.family}" must be lowercase letters and digits.`);
    if (this.handlers.has(handler.family))
      throw new Error(`Timer family "${handler.family}" already has a handler.`);
    this.handlers.set(handler.family, handler);
    return this;
  }

  handlerFor(family: string): TimerHandler | null {
    return this.handlers.get(family) ?? null;
  }

  families(): string[] {
    return [...this.handlers.keys()];
  }
}
