import { inDeck } from '../deck/tree.js';
import type { Card } from '../model/card.js';
import type { CardRecord } from '../model/record.js';
import { type DayConfig, studyDay, studyDayEnd } from '../schedule/day.js';
import { State } from '../schedule/fsrs.js';

export type CardState = 'new' | 'learning' | 'review' | 'relearning';

/** What the browse screen knows of a card: where it is in its life, and why it is hidden. */
export function cardState(record: CardRecord | null | undefined): CardState {
  const memory = record?.memory;
  if (!memory || memory.state === State.New) return 'new';
  if (memory.state === State.Learning) return 'learning';
  if (memory.state === State.Relearning) return 'relearning';
  return 'review';
}

type Filter = (card: Card, record: CardRecord | undefined) => boolean;

export interface Query {
  readonly filters: readonly Filter[];
  /** Problems in the query, e.g. an unknown `is:` value: shown, never fatal. */
  readonly problems: readonly string[];
}

const IS_VALUES = ['new', 'learning', 'review', 'suspended', 'leech', 'buried'] as const;

/** Folds case and width (full-width ａ, half-width ｶ) so Japanese and English search alike. */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * Parses a browse query: words match the front, back, breadcrumb and tags;
 * `tag:x`, `deck:x`, `is:new|learning|review|suspended|leech|buried`,
 * `due:today`, `due:overdue`, `due:<N` (within N days); `-` before a term
 * negates it; "quoted phrases" match as a whole. Pure.
 */
export function parseQuery(query: string, now: Date, day: DayConfig): Query {
  const filters: Filter[] = [];
  const problems: string[] = [];
  const endOfToday = studyDayEnd(now, day).getTime();
  const tokens = query.match(/-?"[^"]*"?|\S+/g) ?? [];
  for (const raw of tokens) {
    const negate = raw.startsWith('-') && raw.length > 1;
    const token = (negate ? raw.slice(1) : raw).replace(/^"|"$/g, '');
    if (token === '') continue;
    const colon = token.indexOf(':');
    const key = colon > 0 ? token.slice(0, colon).toLowerCase() : '';
    const value = colon > 0 ? token.slice(colon + 1) : '';
    let filter: Filter | null = null;
    switch (key) {
      case 'tag':
        filter = (card) => card.tags.some((t) => fold(t) === fold(value));
        break;
      case 'deck':
        filter = (card) => inDeck(card.deck, value) || fold(card.deck).includes(fold(value));
        break;
      case 'is':
        if (!(IS_VALUES as readonly string[]).includes(value)) {
          problems.push(`unknown is:${value} (use ${IS_VALUES.map((v) => `is:${v}`).join(', ')})`);
          continue;
        }
        filter = isFilter(value as (typeof IS_VALUES)[number], now, day);
        break;
      case 'due': {
        const limit = dueLimit(value, now, endOfToday);
        if (limit === null) {
          problems.push(`unknown due:${value} (use due:today, due:overdue or due:<7)`);
          continue;
        }
        filter = (_card, record) => {
          const due = record?.memory && !record.suspended ? Date.parse(record.memory.due) : null;
          return due !== null && due < limit;
        };
        break;
      }
      default: {
        const needle = fold(token);
        filter = (card) =>
          fold(card.front).includes(needle) ||
          fold(card.back).includes(needle) ||
          card.headings.some((h) => fold(h).includes(needle)) ||
          card.tags.some((t) => fold(t).includes(needle));
      }
    }
    const f = filter;
    filters.push(negate ? (c, r) => !f(c, r) : f);
  }
  return { filters, problems };
}

function isFilter(value: (typeof IS_VALUES)[number], now: Date, day: DayConfig): Filter {
  switch (value) {
    case 'suspended':
      return (_c, r) => r?.suspended === true;
    case 'leech':
      return (_c, r) => r?.leech === true;
    case 'buried':
      return (_c, r) => r?.buried === studyDay(now, day);
    case 'learning':
      return (_c, r) => ['learning', 'relearning'].includes(cardState(r));
    default:
      return (_c, r) => cardState(r) === value;
  }
}

function dueLimit(value: string, now: Date, endOfToday: number): number | null {
  if (value === 'today') return endOfToday;
  if (value === 'overdue') return now.getTime();
  const m = /^<(\d+)$/.exec(value);
  return m ? endOfToday + Number(m[1]) * 86_400_000 : null;
}

export function searchCards(
  cards: readonly Card[],
  records: Readonly<Record<string, CardRecord>>,
  query: Query,
): Card[] {
  return cards.filter((card) => query.filters.every((f) => f(card, records[card.id])));
}
