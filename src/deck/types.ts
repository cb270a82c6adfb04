import type { Card } from '../model/card.js';
import type { DeckSettings } from '../model/settings.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** How the parser's stages report a problem at a line of the file. */
export type Report = (severity: Severity, line: number, message: string, column?: number) => void;

export interface DeckMeta {
  readonly title?: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly lang?: string;
  readonly sources: readonly string[];
  readonly domain?: string;
  /** Scheduling settings this deck overrides (front matter `scheduling:`). */
  readonly scheduling?: DeckSettings;
}

export interface ParsedDeck {
  readonly name: string;
  readonly file: string;
  readonly meta: DeckMeta;
  readonly cards: readonly Card[];
  readonly diagnostics: readonly Diagnostic[];
}
