import type { DeckSet } from '../deck/collection.js';
import { cardMeta, findRelinks, type Orphan } from '../deck/relink.js';
import { inDeck } from '../deck/tree.js';
import type { Card, QueueCard } from '../model/card.js';
import type { ExamScore } from '../model/exam.js';
import type { CardMeta, CardRecord, Memory } from '../model/record.js';
import { type DeckSettings, deckLimits, type Settings } from '../model/settings.js';
import { type DayConfig, studyDay, studyDayStart } from '../schedule/day.js';
import type { Grade, Outcome } from '../schedule/fsrs.js';
import { deckScheduling } from '../schedule/perDeck.js';
import { buildQueue, type DailyQueue, type QueueInput } from '../schedule/queue.js';
import { type Counts, treeCounts } from '../schedule/treeCounts.js';
import { type EventPayload, type ReviewEvent, sameMemory } from '../store/events.js';
import type { Store } from '../store/store.js';

export type UndoableAction = 'answer' | 'bury' | 'suspend' | 'unsuspend' | 'reset';

/**
 * The study service the UI talks to: today's queue, previews, answers and the
 * card actions, each undoable. Time is always passed in; the store is the only
 * thing it changes.
 */
export interface Study {
  readonly decks: DeckSet;
  readonly day: DayConfig;
  readonly settings: Settings;
  /** Every card's record, live (read-only: change it through the methods below). */
  readonly records: Readonly<Record<string, CardRecord>>;
  readonly orphans: readonly Orphan[];
  /** Cards whose edited front was matched to their old history at start-up. */
  readonly relinked: number;
  queue(now: Date, deck?: string): DailyQueue<Card>;
  /** What `queue(now, row)` would count for each row ('' for all), and until when (see `treeCounts`). */
  rowCounts(
    now: Date,
    rows: readonly string[],
  ): { counts: Map<string, Counts>; validUntil: number };
  /** Cards answered in the current study day. */
  studiedToday(now: Date): number;
  record(card: Card): CardRecord | null;
  memory(card: Card): Memory | null;
  preview(card: Card, now: Date): readonly Outcome[];
  /** Probability of recall now, 0…1; null for a card never answered. */
  retrievability(card: Card, now: Date): number | null;
  /**
   * Records an answer. `seen` is the memory the answer was given for: if the
   * card changed meanwhile (another answer, an undo) the answer is refused.
   */
  answer(card: Card, seen: Memory | null, rating: Grade, ms: number, now: Date): AnswerResult;
  /**
   * Records a cram answer: logged, shown in today's cram count, but the card's
   * memory and due date do not change.
   */
  cram(card: Card, rating: Grade, ms: number, now: Date): void;
  /** Saves a finished mock exam's result to the log. */
  recordExam(score: ExamScore, ms: number, now: Date): void;
  /** Hides the card until the next study day. */
  bury(card: Card, now: Date): void;
  suspend(card: Card, suspended: boolean, now: Date): void;
  /** Forgets the card: it becomes new again. */
  reset(card: Card, now: Date): void;
  /** Undoes the latest action of this session; returns its card, or null when there is none. */
  undo(now: Date): { card: Card; action: UndoableAction } | null;
  readonly undoDepth: number;
  /**
   * Bumped by every write this study makes (each may change records, or fold in
   * another device's): the deck list keys its cached counts on it.
   */
  readonly revision: number;
}

export interface AnswerResult {
  readonly memory: Memory;
  /** The answer made the card a leech: it was tagged and suspended. */
  readonly leech: boolean;
}

export class StaleAnswerError extends Error {
  constructor(readonly cardId: string) {
    super('this card was changed since it was shown; its answer was not recorded');
    this.name = 'StaleAnswerError';
  }
}

export interface StudyOptions {
  readonly decks: DeckSet;
  readonly store: Store;
  readonly settings: Settings;
  /** Per-deck overrides from front matter, by deck name. */
  readonly deckSettings?: Readonly<Record<string, DeckSettings>>;
  readonly day: DayConfig;
  /** Re-link edited cards to their history now (needs a writable store). */
  readonly relink: boolean;
  readonly now: Date;
}

/** The study day settings: the user's zone (or the machine's) and rollover hour. */
export function dayConfig(settings: Settings, machineZone: string): DayConfig {
  return { timeZone: settings.timeZone || machineZone, rolloverHour: settings.rolloverHour };
}

export function createStudy(options: StudyOptions): Study {
  const { decks, store, settings, day } = options;
  const deckSettings = options.deckSettings ?? {};
  const cardsById = new Map(decks.cards.map((c) => [c.id, c]));
  const found = findRelinks(decks.cards, store.cards);
  if (options.relink) {
    for (const r of found.relinks) {
      store.append('relink', { from: r.from, to: r.to }, options.now);
    }
  }

  let revision = 0;
  const append: Store['append'] = (type, payload, at) => {
    // Bumped even when the write fails: the store may have folded in other lines first.
    try {
      return store.append(type, payload, at);
    } finally {
      revision++;
    }
  };

  const { settingsFor: effective, schedulerFor } = deckScheduling(settings, deckSettings, day);
  const perDeck = deckLimits(deckSettings);

  const undoStack: {
    card: Card;
    action: UndoableAction;
    eventId: string;
    restore: CardRecord | null;
  }[] = [];

  /** Appends a card event, remembering how to undo it. */
  const act = <T extends 'answer' | 'bury' | 'suspend' | 'reset'>(
    card: Card,
    action: UndoableAction,
    now: Date,
    type: T,
    payload: Omit<EventPayload<T>, 'card' | keyof CardMeta>,
  ) => {
    const restore = store.cards[card.id] ?? null;
    const event: ReviewEvent = append(
      type,
      { card: card.id, ...cardMeta(card), ...payload } as EventPayload<T>,
      now,
    );
    undoStack.push({ card, action, eventId: event.id, restore });
  };

  const logAnswer = (
    card: Card,
    rating: Grade,
    ms: number,
    now: Date,
    before: Memory | null,
    after: Memory,
    flags: { leech?: true; cram?: true },
  ) =>
    act(card, 'answer', now, 'answer', {
      rating,
      ms: Math.max(0, Math.round(ms)),
      before,
      after,
      ...flags,
    });

  return {
    decks,
    day,
    settings,
    records: store.cards,
    orphans: found.orphans,
    relinked: options.relink ? found.relinks.length : 0,
    get undoDepth() {
      return undoStack.length;
    },
    get revision() {
      return revision;
    },
    queue(now, deck) {
      return deckQueue(
        { cards: decks.cards, records: store.cards, day, settings, perDeck },
        now,
        deck,
      );
    },
    rowCounts(now, rows) {
      return treeCounts(
        { cards: decks.cards, records: store.cards, day, settings, perDeck },
        now,
        rows,
      );
    },
    record(card) {
      return store.cards[card.id] ?? null;
    },
    studiedToday(now) {
      const start = studyDayStart(now, day).toISOString();
      let n = 0;
      for (const card of decks.cards) {
        const last = store.cards[card.id]?.lastAnswer;
        if (last && last >= start) n++;
      }
      return n;
    },
    memory(card) {
      return store.cards[card.id]?.memory ?? null;
    },
    retrievability(card, now) {
      const memory = store.cards[card.id]?.memory;
      return memory ? schedulerFor(card.deck).retrievability(memory, now) : null;
    },
    preview(card, now) {
      return schedulerFor(card.deck).preview(store.cards[card.id]?.memory ?? null, now);
    },
    answer(card, seen, rating, ms, now) {
      const before = store.cards[card.id]?.memory ?? null;
      if (!sameMemory(before, seen)) throw new StaleAnswerError(card.id);
      const after = schedulerFor(card.deck).answer(before, now, rating);
      const threshold = effective(card.deck).leechThreshold;
      const leech = after.lapses >= threshold && (before?.lapses ?? 0) < threshold;
      logAnswer(card, rating, ms, now, before, after, leech ? { leech: true } : {});
      return { memory: after, leech };
    },
    cram(card, rating, ms, now) {
      const before = store.cards[card.id]?.memory ?? null;
      const after = schedulerFor(card.deck).answer(before, now, rating);
      logAnswer(card, rating, ms, now, before, after, { cram: true });
    },
    recordExam(score, ms, now) {
      append(
        'exam',
        {
          score: Math.round(score.score * 10_000) / 10_000,
          correct: score.correct,
          total: score.total,
          answered: score.answered,
          ms: Math.max(0, Math.round(ms)),
          domains: Object.fromEntries(
            score.domains.map((d) => [d.domain, { correct: d.correct, total: d.total }]),
          ),
        },
        now,
      );
    },
    bury(card, now) {
      act(card, 'bury', now, 'bury', { day: studyDay(now, day) });
    },
    suspend(card, suspended, now) {
      act(card, suspended ? 'suspend' : 'unsuspend', now, 'suspend', { suspended });
    },
    reset(card, now) {
      act(card, 'reset', now, 'reset', {});
    },
    undo(now) {
      const last = undoStack.pop();
      if (!last) return null;
      append(
        'undo',
        {
          card: last.card.id,
          ...cardMeta(cardsById.get(last.card.id) ?? last.card),
          undone: last.eventId,
          restore: last.restore,
        },
        now,
      );
      return { card: last.card, action: last.action };
    },
  };
}

/**
 * What "per deck" means everywhere (the deck list, `kioku due`, `--json`): the
 * queue a review of that deck or folder alone would start with now, under its
 * own limits and the global ones; no deck: every deck. A limit shared by a
 * folder (the global new cards a day) thus applies to each deck on its own, and
 * the decks' counts may add up to more than their folder's.
 */
export function deckQueue<C extends QueueCard>(
  input: Omit<QueueInput<C>, 'now'>,
  now: Date,
  deck?: string,
): DailyQueue<C> {
  const cards = deck ? input.cards.filter((c) => inDeck(c.deck, deck)) : input.cards;
  return buildQueue({ ...input, cards, now });
}
