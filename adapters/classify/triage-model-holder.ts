import type { Logger } from 'pino';
import { TriageClassifier } from '../../core/classify/triage-classifier.js';
import type { CategoryDefinition } from '../../core/desk/desk-settings.js';
import type { TriageModelRepository } from '../../core/ports/triage-model.repository.port.js';
import type { TriageClassifierSource } from '../../core/use-cases/classify-ticket/triage-source.js';

/**
 * Hot swap: holds the classifier built from the newest stored model and checks every `pollSeconds`
 * for a newer version (one cheap query), so `deskbot train` or the retrain job takes effect in every
 * running worker without a restart. Until a model exists it classifies by the keyword rules.
 */
export class TriageModelHolder implements TriageClassifierSource {
  private held: { classifier: TriageClassifier; version: number | null };
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;

  constructor(
    private readonly models: TriageModelRepository,
    private readonly categories: readonly CategoryDefinition[],
    private readonly logger: Pick<Logger, 'info' | 'warn'>,
  ) {
    this.held = { classifier: new TriageClassifier(null, categories), version: null };
  }

  current(): { classifier: TriageClassifier; version: number | null } {
    return this.held;
  }

  /** Loads the newest version if it is newer than the one held; returns the version in force. */
  async refresh(): Promise<number | null> {
    this.checking ??= this.load().finally(() => (this.checking = null));
    await this.checking;
    return this.held.version;
  }

  private async load(): Promise<void> {
    try {
      const latest = await this.models.latestVersion();
      if (latest === null || latest === this.held.version) return;
      const stored = await this.models.latest();
      if (!stored) return;
      this.held = {
        classifier: new TriageClassifier(stored.model, this.categories),
        version: stored.version,
      };
      this.logger.info({ version: stored.version, examples: stored.examples }, 'triage model loaded');
    } catch (e) {
      // Keep classifying with what we have; the next poll tries again.
      this.logger.warn({ err: (e as Error).message }, 'could not check for a newer triage model');
    }
  }

  start(pollSeconds: number): void {
    if (this.timer) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), pollSeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
