import { afterEach, describe, expect, it } from 'vitest';
import type { Card } from '../../src/model/card.js';
import { Rating } from '../../src/schedule/fsrs.js';
import {
  isTyping,
  type QueueSource,
  type ReviewAction,
  type ReviewState,
  reviewReducer,
  type Step,
  startReview,
} from '../../src/session/review.js';
import { makeStudy } from '../helpers/study.js';

const now = new Date('2026-03-02T10:00:00Z');
const at = now.getTime();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function cards(): Promise<readonly Card[]> {
  const made = await makeStudy(
    {
      'en/a':
        '---\nlang: en\n---\nQ: one?\nA: 1\n\nQ: two?\nA: 2\n\nT: List pods\nA: `kubectl get pods`\n',
    },
    { now },
  );
  cleanups.push(made.cleanup);
  return made.study.decks.cards;
}

const show = (card: Card) => ({ card, seen: null, shownAt: at });
function run(state: ReviewState, ...actions: ReviewAction[]): Step {
  let step: Step = { state, effects: [] };
  const effects = [];
  for (const a of actions) {
    step = reviewReducer(step.state, a);
    effects.push(...step.effects);
  }
  return { state: step.state, effects };
}

describe('review session reducer', () => {
  it('reveals, then asks for the answer to be saved with the time the card was shown', async () => {
    const [one] = await cards();
    const s = startReview({ kind: 'schedule' }, show(one!), at);
    const step = run(
      s,
      { type: 'rate', rating: Rating.Good, at: at + 5000 },
      { type: 'reveal', at },
    );
    expect(step.effects).toEqual([]);
    const rated = run(step.state, { type: 'rate', rating: Rating.Good, at: at + 5000 });
    expect(rated.effects).toEqual([
      { type: 'answer', card: one, seen: null, rating: Rating.Good, ms: 5000 },
    ]);
  });

  it('Space after the reveal is the suggested rating: Good, or the typed check’s verdict', async () => {
    const [one, , typed] = await cards();
    const plain = run(
      startReview({ kind: 'schedule' }, show(one!), at),
      { type: 'reveal', at },
      { type: 'confirm', at },
    );
    expect(plain.effects).toMatchObject([{ type: 'answer', rating: Rating.Good }]);
    const wrong = run(
      startReview({ kind: 'schedule' }, show(typed!), at),
      { type: 'field', edit: { type: 'insert', text: 'kubectl get pod' } },
      { type: 'field', edit: { type: 'insert', text: 'z' } },
      { type: 'submit', at },
      { type: 'confirm', at },
    );
    expect(wrong.effects).toMatchObject([{ type: 'answer', rating: Rating.Again }]);
  });

  it('checks what the state holds, so text typed just before Enter is never lost', async () => {
    const [, , typed] = await cards();
    const s = run(
      startReview({ kind: 'schedule' }, show(typed!), at),
      { type: 'field', edit: { type: 'insert', text: 'kubectl get' } },
      { type: 'field', edit: { type: 'insert', text: ' pods' } },
      { type: 'submit', at },
    ).state;
    expect(s.answer.result?.correct).toBe(true);
    expect(s.revealed).toBe(true);
  });

  it('leaves the answer field with Esc, so undo, bury and edit need no wrong answer first', async () => {
    const [, , typed] = await cards();
    const s = startReview({ kind: 'schedule' }, show(typed!), at);
    expect(isTyping(s)).toBe(true);
    const left = run(
      s,
      { type: 'field', edit: { type: 'insert', text: 'kub' } },
      { type: 'leaveField' },
    );
    expect(isTyping(left.state)).toBe(false);
    // Keys that would be text are ignored off the field; the text is kept.
    expect(
      run(left.state, { type: 'field', edit: { type: 'insert', text: 'x' } }).state.answer.field
        .text,
    ).toBe('kub');
    expect(run(left.state, { type: 'bury' }).effects).toEqual([{ type: 'bury', card: typed }]);
    expect(run(left.state, { type: 'undo' }).effects).toEqual([{ type: 'undo' }]);
    expect(run(left.state, { type: 'edit' }).effects).toEqual([{ type: 'edit', card: typed }]);
    // Space/Enter (reveal) go back to typing rather than giving the answer away.
    const back = run(left.state, { type: 'reveal', at });
    expect(isTyping(back.state)).toBe(true);
    expect(back.state.revealed).toBe(false);
  });

  it('cram: Again sends the card to the back of the line; bury takes it out', async () => {
    const [one, two] = await cards();
    const source: QueueSource = { kind: 'cram', left: [one!, two!] };
    const again = run(
      startReview(source, show(one!), at),
      { type: 'reveal', at },
      { type: 'rate', rating: Rating.Again, at },
    );
    expect(again.effects).toMatchObject([{ type: 'cram', card: one, rating: Rating.Again }]);
    expect(again.state.source).toEqual({ kind: 'cram', left: [two, one] });
    const buried = run(startReview(source, show(one!), at), { type: 'bury' });
    expect(buried.state.source).toEqual({ kind: 'cram', left: [two] });
    // An undo puts the card back at the front.
    const undone = reviewReducer(again.state, {
      type: 'undone',
      answer: true,
      showing: show(one!),
      status: { text: 'undone', tone: 'success' },
    });
    expect(undone.state.source).toEqual({ kind: 'cram', left: [one, two] });
  });

  it('counts answers for the summary and takes one back on an undone answer', async () => {
    const [one, two] = await cards();
    let s = startReview({ kind: 'schedule' }, show(one!), at);
    s = reviewReducer(s, {
      type: 'answered',
      rating: Rating.Again,
      next: show(two!),
      status: { text: 'ok', tone: 'success' },
    }).state;
    s = reviewReducer(s, {
      type: 'answered',
      rating: Rating.Good,
      next: null,
      status: { text: 'ok', tone: 'success' },
    }).state;
    expect(s.answered).toEqual([Rating.Again, Rating.Good]);
    s = reviewReducer(s, {
      type: 'undone',
      answer: true,
      showing: show(two!),
      status: { text: 'u', tone: 'success' },
    }).state;
    expect(s.answered).toEqual([Rating.Again]);
    expect(s.showing?.card).toBe(two);
  });

  describe('exam', () => {
    async function exam() {
      const [one, two, typed] = await cards();
      const source: QueueSource = {
        kind: 'exam',
        cards: [one!, typed!, two!].map((card) => ({ card, domain: 'storage' })),
        index: 0,
        results: new Map(),
        deadline: at + 60_000,
        score: null,
        timedOut: false,
      };
      return { s: startReview(source, show(one!), at), one: one!, two: two!, typed: typed! };
    }

    it('grades by y/n, a typed card by its check, then scores and asks for the result to be saved', async () => {
      const { s, typed } = await exam();
      const step = run(
        s,
        { type: 'grade', right: true, at }, // before the reveal: ignored
        { type: 'reveal', at },
        { type: 'grade', right: true, at },
        { type: 'field', edit: { type: 'insert', text: 'kubectl get nodes' } },
        { type: 'submit', at },
        { type: 'grade', right: true, at }, // a typed card keeps its check's verdict
        { type: 'reveal', at },
        { type: 'grade', right: false, at: at + 9000 },
      );
      const source = step.state.source;
      expect(source.kind === 'exam' && source.results.get(typed.id)).toBe(false);
      expect(source.kind === 'exam' && source.score?.correct).toBe(1);
      expect(step.effects).toEqual([
        { type: 'recordExam', score: expect.objectContaining({ correct: 1, total: 3 }), ms: 9000 },
      ]);
      expect(step.state.showing).toBeNull();
    });

    it('ends by itself on the first tick past the deadline, and never twice', async () => {
      const { s } = await exam();
      expect(run(s, { type: 'tick', at: at + 59_999 }).effects).toEqual([]);
      const ended = run(
        s,
        { type: 'tick', at: at + 60_000 },
        { type: 'tick', at: at + 61_000 },
        { type: 'leave', at },
      );
      expect(ended.effects.filter((e) => e.type === 'recordExam')).toHaveLength(1);
      expect(ended.state.source.kind === 'exam' && ended.state.source.timedOut).toBe(true);
    });

    it('has no undo, bury or rating: a mock exam changes no schedule', async () => {
      const { s } = await exam();
      const step = run(
        s,
        { type: 'reveal', at },
        { type: 'undo' },
        { type: 'bury' },
        { type: 'rate', rating: Rating.Easy, at },
      );
      expect(step.effects).toEqual([]);
    });
  });
});
