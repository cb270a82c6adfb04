import { describe, expect, it } from 'vitest';
import {
  NO_ANSWER,
  type TypedAction,
  typedAnswerReducer,
  typingActions,
} from '../../src/ui/screens/typedAnswer.js';

const EXPECTED = 'kubectl get pods -A';
const run = (actions: TypedAction[]) => actions.reduce(typedAnswerReducer, NO_ANSWER);

describe('a typed answer', () => {
  it('checks the text typed so far, including keys typed after the last redraw', () => {
    const state = run([
      ...typingActions(null, 'kubectl get', {}, EXPECTED),
      ...typingActions(null, ' pods -A', {}, EXPECTED),
      ...typingActions('submit', '', {}, EXPECTED),
    ]);
    expect(state.typed).toBe('kubectl get pods -A');
    expect(state.result?.correct).toBe(true);
  });

  it('takes a paste that ends in a newline as text, then a check', () => {
    const actions = typingActions(null, 'kubectl get pods --all-namespaces\r', {}, EXPECTED);
    expect(actions).toEqual([
      { type: 'type', text: 'kubectl get pods --all-namespaces' },
      { type: 'check', expected: EXPECTED },
    ]);
  });

  it('erases whole characters, Japanese included, and ignores control keys', () => {
    const state = run([
      ...typingActions(null, 'ポッド', {}, EXPECTED),
      ...typingActions('erase', '', {}, EXPECTED),
      ...typingActions(null, 'x', { ctrl: true }, EXPECTED),
    ]);
    expect(state.typed).toBe('ポッ');
  });

  it('no longer changes once checked, until reset', () => {
    const checked = run([
      { type: 'type', text: 'kubectl get pod' },
      { type: 'check', expected: EXPECTED },
      { type: 'type', text: 's -A' },
    ]);
    expect(checked.typed).toBe('kubectl get pod');
    expect(checked.result?.correct).toBe(false);
    expect(typedAnswerReducer(checked, { type: 'reset' })).toEqual(NO_ANSWER);
  });
});
