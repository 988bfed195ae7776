import type { ModuleType } from '../desk/module-type.js';

/** What a classifier concluded about a report, with enough to explain it to a person. */
export interface Classification {
  category: ModuleType;
  /** 0..1: how far to trust `category` (low for chatter, ties and single weak hints). */
  confidence: number;
  /** The keywords of `category` found in the text, strongest first. */
  evidence: string[];
  /** Every module type's score; 0 where nothing matched. */
  scores: Record<ModuleType, number>;
}
