// The CKA mock exam's terms in one place: the domains a deck may declare, their
// weights, the pass mark, and what a drawn and a scored exam are.
import type { Card } from './card.js';

/**
 * The CKA exam domains and their weights (the curriculum's percentages), in the
 * order kioku lists them. A deck declares its domain in front matter.
 */
export const EXAM_WEIGHTS: Readonly<Record<string, number>> = {
  troubleshooting: 0.3,
  architecture: 0.25,
  networking: 0.2,
  workloads: 0.15,
  storage: 0.1,
};

/** The CKA pass mark. */
export const PASS_MARK = 0.66;

/** The domains a deck's front matter may name, in the order above. */
export const CKA_DOMAINS: readonly string[] = Object.keys(EXAM_WEIGHTS);

export interface ExamCard {
  readonly card: Card;
  readonly domain: string;
}

export interface DomainScore {
  readonly domain: string;
  readonly weight: number;
  readonly correct: number;
  readonly total: number;
  /** correct / total, 0–1. */
  readonly rate: number;
}

export interface ExamScore {
  /** Weighted by the domain weights over the domains in the exam, 0–1. */
  readonly score: number;
  readonly passed: boolean;
  readonly correct: number;
  readonly total: number;
  readonly answered: number;
  readonly domains: readonly DomainScore[];
  /** Domains under the pass mark, weakest first. */
  readonly weakest: readonly string[];
  /** Sections (deck › heading) with the most misses, most first (up to 3). */
  readonly weakSections: readonly { readonly section: string; readonly missed: number }[];
}
