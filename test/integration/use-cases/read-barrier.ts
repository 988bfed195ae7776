import type { TicketRepository } from '../../../core/ports/ticket.repository.port.js';

/**
 * The real repository, except that `findById` answers only once `parties` callers have asked. Two
 * use-case runs sharing it are sure to have read the same version before either saves: the race that
 * two workers picking up the same job produce by chance, made certain.
 */
export function readBarrier(repo: TicketRepository, parties: number): TicketRepository {
  let arrived = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return new Proxy(repo, {
    get(target, prop, receiver) {
      if (prop === 'findById') {
        return async (id: string) => {
          const ticket = await target.findById(id);
          arrived += 1;
          if (arrived >= parties) open();
          await gate;
          return ticket;
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
