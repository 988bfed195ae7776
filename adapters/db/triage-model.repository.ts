import { asc, desc } from 'drizzle-orm';
import type {
  StoredTriageModel,
  TriageCorrection,
  TriageModelRepository,
} from '../../core/ports/triage-model.repository.port.js';
import type { Db } from './database.js';
import { triageCorrections, triageModels } from './schema/index.js';

/** Models and corrections in PostgreSQL (PGlite or a server): low volume, plain queries. */
export class DrizzleTriageModelRepository implements TriageModelRepository {
  constructor(private readonly db: Db) {}

  async latestVersion(): Promise<number | null> {
    const [row] = await this.db
      .select({ version: triageModels.version })
      .from(triageModels)
      .orderBy(desc(triageModels.version))
      .limit(1);
    return row?.version ?? null;
  }

  async latest(): Promise<StoredTriageModel | null> {
    const [row] = await this.db.select().from(triageModels).orderBy(desc(triageModels.version)).limit(1);
    return row ?? null;
  }

  async save(model: Omit<StoredTriageModel, 'version'>): Promise<StoredTriageModel> {
    const [row] = await this.db.insert(triageModels).values(model).returning();
    if (!row) throw new Error('insert into triage_models returned no row');
    return row;
  }

  async addCorrection(correction: Omit<TriageCorrection, 'id'>): Promise<TriageCorrection> {
    const [row] = await this.db.insert(triageCorrections).values(correction).returning();
    if (!row) throw new Error('insert into triage_corrections returned no row');
    return row;
  }

  async corrections(): Promise<TriageCorrection[]> {
    return this.db.select().from(triageCorrections).orderBy(asc(triageCorrections.id));
  }
}
