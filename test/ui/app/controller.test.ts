import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Study } from '../../../src/session/study.js';
import { readLogEvents } from '../../../src/store/store.js';
import { type AppResult, Controller } from '../../../src/ui/app/controller.js';
import { initialState, reviewView } from '../../../src/ui/app/state.js';
import { MESSAGES } from '../../../src/ui/i18n.js';
import { makeStudy } from '../../helpers/study.js';

/**
 * Every key sequence of issue 10's table, sent as ONE chunk (what a fast
 * typist or tmux's send-keys produces), straight into the controller: each
 * key must see the state the key before it left, including a screen change.
 */
const now = new Date('2026-03-02T10:00:00Z');
const deck = (n: number) =>
  [
    '---\nlang: en\n---',
    ...Array.from({ length: n }, (_, i) => `Q: card ${i}?\nA: answer ${i}\n`),
  ].join('\n');

/** A fixed layout: the reducer's paging figures, whatever the terminal. */
const LAYOUT = {
  homePage: 10,
  browsePage: 10,
  reviewScroll: () => ({ max: 0, page: 10 }),
  helpRows: () => ({ last: 0, page: 20 }),
  statsRows: () => ({ last: 0, page: 20 }),
};

/** A controller reviewing every deck of a study, on the given clock. */
function reviewing(study: Study, clock: () => Date): Controller {
  const r = reviewView({ kind: 'schedule' }, clock().getTime(), {
    fromHome: false,
    homeSelected: 0,
  });
  return new Controller(initialState(r.view), r.effects, {
    study,
    t: MESSAGES.en,
    now: clock,
    layout: () => LAYOUT,
    onDone: vi.fn(),
  });
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(start: 'home' | 'review' = 'home') {
  const made = await makeStudy({ 'en/a': deck(5), 'en/b': deck(3) }, { now });
  cleanups.push(made.cleanup);
  const onDone = vi.fn<(r: AppResult) => void>();
  const at = now.getTime();
  const first =
    start === 'home'
      ? { state: initialState({ screen: 'home', selected: 0 }), effects: [] }
      : (() => {
          const r = reviewView({ kind: 'schedule', deck: 'en/a' }, at, {
            fromHome: false,
            homeSelected: 0,
          });
          return { state: initialState(r.view), effects: r.effects };
        })();
  const controller = new Controller(first.state, first.effects, {
    study: made.study,
    t: MESSAGES.en,
    now: () => now,
    layout: () => LAYOUT,
    onDone,
  });
  const events = () => readLogEvents(made.store.dir);
  const answers = () => events().filter((e) => e.type === 'answer');
  return { ...made, controller, onDone, events, answers };
}

describe('keys typed ahead, in one chunk', () => {
  it('Space 3 Space 3 Space 3 saves three answers', async () => {
    const { controller, answers } = await setup('review');
    controller.input(' 3 3 3');
    expect(answers()).toHaveLength(3);
    expect(new Set(answers().map((e) => (e as { card: string }).card)).size).toBe(3);
  });

  it('Space 3 shows the answer, rates Good and saves it', async () => {
    const { controller, answers } = await setup('review');
    controller.input(' 3');
    expect(answers()).toMatchObject([{ rating: 3 }]);
  });

  it('Enter Space on the deck list opens the review with the answer shown', async () => {
    const { controller } = await setup();
    controller.input('\r ');
    const view = controller.getState().view;
    expect(view.screen).toBe('review');
    expect(view.screen === 'review' && view.session.revealed).toBe(true);
  });

  it('/ s t on the deck list searches "st" in browse', async () => {
    const { controller } = await setup();
    controller.input('/st');
    const view = controller.getState().view;
    expect(view).toMatchObject({ screen: 'browse', editing: true, query: { text: 'st' } });
  });

  it('3 b after a reveal rates this card and buries the next', async () => {
    const { controller, events } = await setup('review');
    controller.input(' ');
    controller.input('3b');
    const [answer, bury] = events() as { type: string; card: string }[];
    expect(answer?.type).toBe('answer');
    expect(bury?.type).toBe('bury');
    expect(bury?.card).not.toBe(answer?.card);
  });

  it('3 s after a reveal rates this card and suspends the next', async () => {
    const { controller, events } = await setup('review');
    controller.input(' 3s');
    const [answer, suspend] = events() as { type: string; card: string }[];
    expect(suspend?.type).toBe('suspend');
    expect(suspend?.card).not.toBe(answer?.card);
  });

  it('4 q after a reveal saves, then leaves with "Reviewed 1 card"', async () => {
    const { controller, onDone, answers } = await setup('review');
    controller.input(' ');
    controller.input('4q');
    expect(answers()).toHaveLength(1);
    expect(onDone).toHaveBeenCalledWith({
      type: 'quit',
      summary: { reviewed: 1, again: 0, ms: 0 },
    });
  });

  it('two Backspaces in one write delete two characters', async () => {
    const { controller } = await setup();
    controller.input('/card');
    controller.input('\u007F\u007F');
    expect(controller.getState().view).toMatchObject({ query: { text: 'ca' } });
  });

  it('Enter s in browse after a query suspends the selected card', async () => {
    const { controller, study } = await setup();
    controller.input('/card 2');
    controller.input('\rs');
    const view = controller.getState().view;
    expect(view).toMatchObject({ screen: 'browse', editing: false, query: { text: 'card 2' } });
    const suspended = study.decks.cards.filter((c) => study.record(c)?.suspended);
    expect(suspended.map((c) => c.front)).toEqual(['card 2?']);
  });

  it('leaves back to the deck list with the summary when the review began there', async () => {
    const { controller } = await setup();
    controller.input('j\r 3q');
    expect(controller.getState().view).toMatchObject({
      screen: 'home',
      selected: 1,
      status: 'Reviewed 1 card in 0s · again 0%',
    });
  });

  it('ignores a paste outside a text field: pasted text is never read as commands', async () => {
    const { controller, onDone } = await setup();
    controller.input('\u001B[200~');
    controller.input('q/sq');
    controller.input('\u001B[201~');
    expect(onDone).not.toHaveBeenCalled();
    expect(controller.getState().view.screen).toBe('home');
  });

  it('picks up a learning card on the finished screen when the clock says it is due', async () => {
    // No learn-ahead: the card answered Again (due in 1 minute) is not shown early.
    const made = await makeStudy({ 'en/a': deck(1) }, { now, settings: { learnAheadMinutes: 0 } });
    cleanups.push(made.cleanup);
    let clock = now;
    const controller = reviewing(made.study, () => clock);
    controller.input(' 1');
    const session = () => {
      const v = controller.getState().view;
      return v.screen === 'review' ? v.session : null;
    };
    expect(session()?.showing).toBeNull();
    controller.tick();
    expect(session()?.showing).toBeNull();
    clock = new Date(now.getTime() + 61_000);
    controller.tick();
    expect(session()?.showing?.card.front).toBe('card 0?');
  });
});

describe('a deck file edited during a session', () => {
  it('redraws the card on screen from its new text, or shows the next one when it is gone', async () => {
    const first = await makeStudy({ 'en/a': deck(2) }, { now });
    cleanups.push(first.cleanup);
    const controller = reviewing(first.study, () => now);
    const shown = () => {
      const v = controller.getState().view;
      return v.screen === 'review' ? v.session.showing?.card : undefined;
    };
    expect(shown()?.back).toBe('answer 0');
    // The answer edited: same card (same front), new text.
    const edited = await makeStudy(
      { 'en/a': deck(2).replace('A: answer 0', 'A: answer zero') },
      { now },
    );
    cleanups.push(edited.cleanup);
    controller.setStudy(edited.study);
    expect(shown()?.back).toBe('answer zero');
    // The front rewritten: another card; the session moves on to what is due.
    const rewritten = await makeStudy(
      { 'en/a': deck(2).replace('Q: card 0?', 'Q: card nought?') },
      { now },
    );
    cleanups.push(rewritten.cleanup);
    controller.setStudy(rewritten.study);
    expect(shown()?.front).toBe('card nought?');
  });
});

describe('a full disk mid-session', () => {
  it('says the answer was not saved, keeps the card on screen, and refuses later answers', async () => {
    const { controller, dir, answers } = await setup('review');
    controller.input(' 3');
    expect(answers()).toHaveLength(1);
    const saved = readFileSync(path.join(dir, 'reviews.jsonl'), 'utf8');
    // /dev/full refuses every write with ENOSPC, as a full disk does.
    rmSync(path.join(dir, 'reviews.jsonl'));
    symlinkSync('/dev/full', path.join(dir, 'reviews.jsonl'));
    const session = () => {
      const v = controller.getState().view;
      return v.screen === 'review' ? v.session : null;
    };
    const before = session()?.showing?.card.id;
    controller.input(' 3');
    expect(session()?.status).toMatchObject({ tone: 'error' });
    expect(session()?.status?.text).toMatch(/^Not saved: .*disk is full/);
    expect(session()?.answered).toHaveLength(1);
    expect(session()?.showing?.card.id).toBe(before);
    controller.input('4');
    expect(session()?.answered).toHaveLength(1);
    rmSync(path.join(dir, 'reviews.jsonl'));
    writeFileSync(path.join(dir, 'reviews.jsonl'), saved);
  });
});
