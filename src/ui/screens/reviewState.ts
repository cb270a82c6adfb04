import type { Card } from '../../deck/types.js';
import { type Grade, type Memory, Rating } from '../../schedule/fsrs.js';
import {
  NO_ANSWER,
  type TypedAction,
  type TypedAnswer,
  typedAnswerReducer,
} from './typedAnswer.js';

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

export interface ReviewState {
  readonly showing: Showing | null;
  readonly revealed: boolean;
  /** What the user typed on a typed-answer card, and its check. */
  readonly answer: TypedAnswer;
  /** First card line shown (long cards scroll). */
  readonly scroll: number;
  /** Ratings given this session, in order: the summary, and what an undo takes back. */
  readonly answered: readonly Grade[];
  readonly status: Status | null;
}

export type ReviewAction =
  | { readonly type: 'show'; readonly showing: Showing | null; readonly status?: Status }
  | { readonly type: 'reveal' }
  | { readonly type: 'typing'; readonly action: TypedAction }
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
  | { readonly type: 'scroll'; readonly delta: number; readonly max: number };

export function initialReviewState(showing: Showing | null): ReviewState {
  return {
    showing,
    revealed: false,
    answer: NO_ANSWER,
    scroll: 0,
    answered: [],
    status: null,
  };
}

const fresh = { revealed: false, answer: NO_ANSWER, scroll: 0 } as const;

/** The review screen's state transitions. Pure: effects (answering, undo) happen before dispatch. */
export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  switch (action.type) {
    case 'show':
      return { ...state, ...fresh, showing: action.showing, status: action.status ?? state.status };
    case 'reveal':
      return state.showing ? { ...state, revealed: true, scroll: 0 } : state;
    case 'typing': {
      if (state.revealed) return state;
      const answer = typedAnswerReducer(state.answer, action.action);
      return answer.result ? { ...state, answer, revealed: true, scroll: 0 } : { ...state, answer };
    }
    case 'answered':
      return {
        ...state,
        ...fresh,
        showing: action.next,
        answered: [...state.answered, action.rating],
        status: action.status,
      };
    case 'undone':
      return {
        ...state,
        ...fresh,
        showing: action.showing,
        answered: action.answer ? state.answered.slice(0, -1) : state.answered,
        status: action.status,
      };
    case 'status':
      return { ...state, status: action.status };
    case 'scroll':
      return { ...state, scroll: Math.max(0, Math.min(action.max, state.scroll + action.delta)) };
    default:
      return checkExhaustive(action);
  }
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

function checkExhaustive(value: never): never {
  throw new Error(`unhandled action: ${JSON.stringify(value)}`);
}
