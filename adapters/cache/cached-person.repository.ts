import type { Person } from '../../core/desk/person.js';
import type { InboundSender } from '../../core/inbound/inbound-message.js';
import type { PersonRepository, RosterSyncSummary } from '../../core/ports/person.repository.port.js';

/**
 * The roster changes a few times a year (desk.yaml edits, applied at boot) but every classify and
 * dispatch reads all of it: keep it in memory for `ttlMs`, so a roster synced by another process
 * is seen within that time and this process's own sync is seen at once.
 */
export class CachedPersonRepository implements PersonRepository {
  private cached: { at: number; people: Person[]; byId: Map<string, Person> } | null = null;

  constructor(
    private readonly inner: PersonRepository,
    private readonly ttlMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async list(): Promise<Person[]> {
    return (await this.load()).people;
  }

  async findById(id: string): Promise<Person | null> {
    return (await this.load()).byId.get(id) ?? null;
  }

  matchSender(sender: InboundSender): Promise<Person | null> {
    return this.inner.matchSender(sender);
  }

  async syncRoster(people: Person[]): Promise<RosterSyncSummary> {
    const summary = await this.inner.syncRoster(people);
    this.cached = null;
    return summary;
  }

  private async load() {
    if (this.cached && this.now() - this.cached.at < this.ttlMs) return this.cached;
    const people = await this.inner.list();
    this.cached = { at: this.now(), people, byId: new Map(people.map((p) => [p.id, p])) };
    return this.cached;
  }
}
