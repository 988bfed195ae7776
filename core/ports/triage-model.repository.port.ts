import type { TriageModel } from '../classify/triage-model.js';

export interface StoredTriageModel {
  /** Increases with every saved model; workers swap to a higher one when they see it. */
  version: number;
  createdAt: Date;
  algorithm: string;
  /** Training rows in all, and how many of them were desk corrections. */
  examples: number;
  corrections: number;
  /** e.g. cv_accuracy, cv_macro_f1 of this training run. */
  metrics: Record<string, number>;
  model: TriageModel;
}

/** A desk correction: the text of a ticket and the category a person said it has. */
export interface TriageCorrection {
  id: number;
  ticketId: string | null;
  text: string;
  label: string;
  /** The category before the correction. */
  previous: string | null;
  /** Who corrected it (person id or API client). */
  actor: string;
  at: Date;
}

export interface TriageModelRepository {
  /** The highest stored version, without loading the model (cheap enough to poll). */
  latestVersion(): Promise<number | null>;
  latest(): Promise<StoredTriageModel | null>;
  save(model: Omit<StoredTriageModel, 'version'>): Promise<StoredTriageModel>;
  addCorrection(correction: Omit<TriageCorrection, 'id'>): Promise<TriageCorrection>;
  corrections(): Promise<TriageCorrection[]>;
}
