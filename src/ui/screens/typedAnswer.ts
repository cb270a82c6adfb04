import { compareTyped, type TypedResult } from '../../text/typed.js';
import { type Command, typedText } from '../keys.js';

/** An answer being typed, then its check. */
export interface TypedAnswer {
  readonly typed: string;
  readonly result: TypedResult | null;
}

export type TypedAction =
  | { readonly type: 'type'; readonly text: string }
  | { readonly type: 'erase' }
  | { readonly type: 'check'; readonly expected: string }
  | { readonly type: 'reset' };

export const NO_ANSWER: TypedAnswer = { typed: '', result: null };

/**
 * Pure. The check reads the text from the state, not from the screen's last
 * render: keys that arrive before a redraw (fast typing, a paste, then Enter)
 * would otherwise be checked without what was typed last. Once checked, the
 * answer no longer changes.
 */
export function typedAnswerReducer(state: TypedAnswer, action: TypedAction): TypedAnswer {
  if (action.type === 'reset') return NO_ANSWER;
  if (state.result) return state;
  switch (action.type) {
    case 'type':
      return { ...state, typed: state.typed + action.text };
    case 'erase':
      return { ...state, typed: Array.from(state.typed).slice(0, -1).join('') };
    case 'check':
      return { ...state, result: compareTyped(state.typed, action.expected) };
  }
}

/**
 * What one key press does to an answer being typed (the typing screen's command
 * for it, if any): a paste ending in a newline is text and then a check.
 */
export function typingActions(
  command: Command | null,
  input: string,
  key: { ctrl?: boolean; meta?: boolean },
  expected: string,
): TypedAction[] {
  if (command === 'submit') return [{ type: 'check', expected }];
  if (command === 'erase') return [{ type: 'erase' }];
  const typed = typedText(input, key);
  if (!typed) return [];
  return [
    ...(typed.text ? [{ type: 'type', text: typed.text } as const] : []),
    ...(typed.submit ? [{ type: 'check', expected } as const] : []),
  ];
}
