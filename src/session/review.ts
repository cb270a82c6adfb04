import { compareTyped, type TypedResult } from '../answer/compare.js';
import type { Card } from '../model/card.js';
import type { ExamCard, ExamScore } from '../model/exam.js';
import type { Memory } from '../model/record.js';
import { type Grade, Rating } from '../schedule/fsrs.js';
import { checkExhaustive } from '../util/exhaustive.js';
import { scoreExam } from './exam.js';
import { EMPTY_FIELD, editField, type FieldEdit, type TextField } from './textField.js';

/**
 * A review session as one pure reducer: the scheduled review, cram and the
 * mock exam differ only in where their cards come from and what an answer
 * does. Keys become actions; what touches the log (an answer, bury, undo…)
 * comes back as an effect that the screen runs through the study service,
 * which answers with a result action (the next card, a status). So keys typed
 * ahead apply in order, each to the state the one before it left.
 */

/** A card on screen, with the memory it was shown with (an answer for a changed card is refused). */
export interface Showing {
  readonly card: Card;
  readonly seen: Memory | null;
  readonly shownAt: number;
}

export interface Status {
  readonly text: string;
  readonly tone: 'success' | 'error';
}

export type QueueSource =
  | { readonly kind: 'schedule'; readonly deck?: string }
  /** These cards in this order, whatever their schedule; Again sends a card to the back. */
  | { readonly kind: 'cram'; readonly left: readonly Card[] }
  | {
      readonly kind: 'exam';
      readonly cards: readonly ExamCard[];
      readonly index: number;
      readonly results: ReadonlyMap<string, boolean>;
      readonly deadline: number;
      readonly score: ExamScore | null;
      readonly timedOut: boolean;
    };

/** What was typed on a typed-answer card, whether the field has the keys, and its check. */
export interface TypedAnswer {
  readonly field: TextField;
  readonly focused: boolean;
  readonly result: TypedResult | null;
}

export const NO_ANSWER: TypedAnswer = { field: EMPTY_FIELD, focused: true, result: null };

export interface ReviewState {
  readonly source: QueueSource;
  readonly showing: Showing | null;
  readonly revealed: boolean;
  readonly answer: TypedAnswer;
  /** First card line shown (long cards scroll). */
  readonly scroll: number;
  /** Ratings given this session, in order: the summary, and what an undo takes back. */
  readonly answered: readonly Grade[];
  readonly status: Status | null;
  readonly startedAt: number;
}

export type ReviewAction =
  // From keys.
  | { readonly type: 'reveal'; readonly at: number }
  | { readonly type: 'rate'; readonly rating: Grade; readonly at: number }
  /** Space/Enter after the reveal: the suggested rating, or the exam's next card. */
  | { readonly type: 'confirm'; readonly at: number }
  | { readonly type: 'field'; readonly edit: FieldEdit }
  | { readonly type: 'submit'; readonly at: number }
  | { readonly type: 'leaveField' }
  | { readonly type: 'focusField' }
  | { readonly type: 'scroll'; readonly delta: number; readonly max: number }
  | { readonly type: 'undo' }
  | { readonly type: 'bury' }
  | { readonly type: 'suspend' }
  | { readonly type: 'edit' }
  | { readonly type: 'leave'; readonly at: number }
  | { readonly type: 'grade'; readonly right: boolean; readonly at: number }
  /** The clock: ends a timed-out exam. */
  | { readonly type: 'tick'; readonly at: number }
  // Results of effects.
  | { readonly type: 'show'; readonly showing: Showing | null; readonly status?: Status | null }
  | {
      readonly type: 'answered';
      readonly rating: Grade;
      readonly next: Showing | null;
      readonly status: Status;
    }
  | {
      readonly type: 'undone';
      readonly answer: boolean;
      readonly showing: Showing;
      readonly status: Status;
    }
  | { readonly type: 'status'; readonly status: Status }
  | { readonly type: 'scored'; readonly score: ExamScore; readonly timedOut: boolean }
  /** The deck file was edited: the card on screen is drawn from its new text. */
  | { readonly type: 'refresh'; readonly card: Card };

export type ReviewEffect =
  | {
      readonly type: 'answer';
      readonly card: Card;
      readonly seen: Memory | null;
      readonly rating: Grade;
      readonly ms: number;
    }
  | { readonly type: 'cram'; readonly card: Card; readonly rating: Grade; readonly ms: number }
  | { readonly type: 'bury' | 'suspend'; readonly card: Card }
  | { readonly type: 'undo' }
  | { readonly type: 'edit'; readonly card: Card }
  | { readonly type: 'leave' }
  /** Show the source's next card (after a bury, a suspend, or a card that changed under us). */
  | { readonly type: 'pick'; readonly status?: Status | null }
  | { readonly type: 'recordExam'; readonly score: ExamScore; readonly ms: number };

export interface Step {
  readonly state: ReviewState;
  readonly effects: readonly ReviewEffect[];
}

export function startReview(
  source: QueueSource,
  showing: Showing | null,
  startedAt: number,
): ReviewState {
  return {
    source,
    showing,
    revealed: false,
    answer: NO_ANSWER,
    scroll: 0,
    answered: [],
    status: null,
    startedAt,
  };
}

/** The card the source shows next, for sources that know it without the schedule. */
export function sourceCard(source: QueueSource): Card | null {
  switch (source.kind) {
    case 'schedule':
      return null;
    case 'cram':
      return source.left[0] ?? null;
    case 'exam':
      return source.score ? null : (source.cards[source.index]?.card ?? null);
  }
}

/** A typed-answer card whose answer is still being typed into its field. */
export function isTyping(state: ReviewState): boolean {
  return state.showing?.card.kind === 'typed' && !state.revealed && state.answer.focused === true;
}

const fresh = { revealed: false, answer: NO_ANSWER, scroll: 0 } as const;
const same = (state: ReviewState): Step => ({ state, effects: [] });

export function reviewReducer(state: ReviewState, action: ReviewAction): Step {
  const { showing, source } = state;
  switch (action.type) {
    case 'reveal':
      if (!showing || state.revealed) return same(state);
      // On a typed card whose field was left, Space/Enter go back to typing.
      if (showing.card.kind === 'typed' && !state.answer.focused)
        return same({ ...state, answer: { ...state.answer, focused: true } });
      return same({ ...state, revealed: true, scroll: 0 });
    case 'focusField':
      if (showing?.card.kind !== 'typed' || state.revealed) return same(state);
      return same({ ...state, answer: { ...state.answer, focused: true } });
    case 'leaveField':
      return same({ ...state, answer: { ...state.answer, focused: false } });
    case 'field':
      if (!isTyping(state)) return same(state);
      return same({
        ...state,
        answer: { ...state.answer, field: editField(state.answer.field, action.edit) },
      });
    case 'submit': {
      if (!showing || !isTyping(state)) return same(state);
      const result = compareTyped(state.answer.field.text, showing.card.expected ?? '');
      return same({ ...state, answer: { ...state.answer, result }, revealed: true, scroll: 0 });
    }
    case 'confirm':
      if (!showing || !state.revealed) return same(state);
      if (source.kind === 'exam')
        return state.answer.result
          ? grade(state, state.answer.result.correct, action.at)
          : same(state);
      return rate(state, suggestedRating(state), action.at);
    case 'rate':
      if (!showing || !state.revealed || source.kind === 'exam') return same(state);
      return rate(state, action.rating, action.at);
    case 'grade':
      if (!showing || !state.revealed || source.kind !== 'exam') return same(state);
      // A typed card is graded by its check; y and n only move on.
      return grade(
        state,
        state.answer.result ? state.answer.result.correct : action.right,
        action.at,
      );
    case 'scroll':
      return same({
        ...state,
        scroll: Math.max(0, Math.min(action.max, state.scroll + action.delta)),
      });
    case 'undo':
      return source.kind === 'exam' ? same(state) : { state, effects: [{ type: 'undo' }] };
    case 'bury':
    case 'suspend': {
      if (!showing || source.kind === 'exam') return same(state);
      const next: ReviewState =
        source.kind === 'cram'
          ? {
              ...state,
              source: { ...source, left: source.left.filter((c) => c.id !== showing.card.id) },
            }
          : state;
      return { state: next, effects: [{ type: action.type, card: showing.card }] };
    }
    case 'edit':
      if (!showing || source.kind === 'exam') return same(state);
      return { state, effects: [{ type: 'edit', card: showing.card }] };
    case 'leave':
      if (source.kind === 'exam' && !source.score) return finishExam(state, action.at, false);
      return { state, effects: [{ type: 'leave' }] };
    case 'tick':
      if (source.kind === 'exam' && !source.score && action.at >= source.deadline)
        return finishExam(state, action.at, true);
      return same(state);
    case 'show':
      return same({
        ...state,
        ...fresh,
        showing: action.showing,
        status: action.status === undefined ? state.status : action.status,
      });
    case 'answered':
      return same({
        ...state,
        ...fresh,
        showing: action.next,
        answered: [...state.answered, action.rating],
        status: action.status,
      });
    case 'undone': {
      // The undone card comes back to the front of a cram line (and leaves its requeued place).
      const restored: QueueSource =
        source.kind === 'cram'
          ? {
              ...source,
              left: [
                action.showing.card,
                ...source.left.filter((c) => c.id !== action.showing.card.id),
              ],
            }
          : source;
      return same({
        ...state,
        ...fresh,
        source: restored,
        showing: action.showing,
        answered: action.answer ? state.answered.slice(0, -1) : state.answered,
        status: action.status,
      });
    }
    case 'status':
      return same({ ...state, status: action.status });
    case 'refresh':
      return showing ? same({ ...state, showing: { ...showing, card: action.card } }) : same(state);
    case 'scored':
      if (source.kind !== 'exam') return same(state);
      return same({
        ...state,
        ...fresh,
        showing: null,
        source: { ...source, score: action.score, timedOut: action.timedOut },
      });
    default:
      return checkExhaustive(action);
  }
}

function rate(state: ReviewState, rating: Grade, at: number): Step {
  const { showing, source } = state;
  if (!showing) return same(state);
  const ms = at - showing.shownAt;
  if (source.kind === 'cram') {
    // Forgotten cards come back at the end of the cram line.
    const left = [
      ...source.left.filter((c) => c.id !== showing.card.id),
      ...(rating === Rating.Again ? [showing.card] : []),
    ];
    return {
      state: { ...state, source: { ...source, left } },
      effects: [{ type: 'cram', card: showing.card, rating, ms }],
    };
  }
  return {
    state,
    effects: [{ type: 'answer', card: showing.card, seen: showing.seen, rating, ms }],
  };
}

function grade(state: ReviewState, right: boolean, at: number): Step {
  const { showing, source } = state;
  if (!showing || source.kind !== 'exam') return same(state);
  const results = new Map(source.results).set(showing.card.id, right);
  const index = source.index + 1;
  const next: ReviewState = { ...state, ...fresh, source: { ...source, results, index } };
  if (index >= source.cards.length) return finishExam(next, at, false);
  const card = source.cards[index]!.card;
  return same({ ...next, showing: { card, seen: null, shownAt: at } });
}

function finishExam(state: ReviewState, at: number, timedOut: boolean): Step {
  const { source } = state;
  if (source.kind !== 'exam' || source.score) return same(state);
  const score = scoreExam(source.cards, source.results);
  return {
    state: { ...state, ...fresh, showing: null, source: { ...source, score, timedOut } },
    effects: [{ type: 'recordExam', score, ms: at - state.startedAt }],
  };
}

/** Space/Enter after the reveal: the typed answer's verdict, else Good. */
export function suggestedRating(state: ReviewState): Grade {
  if (state.answer.result) return state.answer.result.correct ? Rating.Good : Rating.Again;
  return Rating.Good;
}

export function sessionCounts(state: ReviewState): { reviewed: number; again: number } {
  return {
    reviewed: state.answered.length,
    again: state.answered.filter((r) => r === Rating.Again).length,
  };
}
