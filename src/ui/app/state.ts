import type { Card } from '../../model/card.js';
import type { ExamCard } from '../../model/exam.js';
import { Rating } from '../../schedule/fsrs.js';
import {
  isTyping,
  type QueueSource,
  type ReviewAction,
  type ReviewEffect,
  type ReviewState,
  reviewReducer,
  sessionCounts,
  startReview,
} from '../../session/review.js';
import { EMPTY_FIELD, editField, fieldOf, type TextField } from '../../session/textField.js';
import type { Stats } from '../../stats/stats.js';
import { checkExhaustive } from '../../util/exhaustive.js';
import type { Messages } from '../i18n.js';
import { fieldEdit } from '../input/fieldKeys.js';
import { type Command, commandFor, type KeyEvent, moveSelection, type Screen } from '../keys.js';

/**
 * The whole UI's state: which screen is up and everything it shows. One pure
 * reducer takes each key through the key table to the active screen, so a key
 * that switches screens (`/`, Enter) hands the keys after it to the new one.
 */
export interface SessionSummary {
  readonly reviewed: number;
  readonly again: number;
  readonly ms: number;
}

export interface BrowseState {
  readonly screen: 'browse';
  readonly homeSelected: number;
  readonly query: TextField;
  readonly editing: boolean;
  readonly selected: number;
  readonly status: string | null;
}

export type View =
  | { readonly screen: 'home'; readonly selected: number; readonly status?: string }
  | {
      readonly screen: 'review';
      readonly session: ReviewState;
      /** Back to the deck list on q, or quit (`kioku review`, cram, exam). */
      readonly fromHome: boolean;
      readonly homeSelected: number;
    }
  | BrowseState
  | {
      readonly screen: 'stats';
      readonly homeSelected: number;
      readonly stats: Stats | null;
      readonly top: number;
    };

export interface HelpState {
  readonly screens: readonly Screen[];
  readonly scroll: number;
}

export interface AppState {
  readonly view: View;
  readonly help: HelpState | null;
  /** Sessions finished so far (kept across an $EDITOR round trip). */
  readonly total: SessionSummary;
}

export type AppEffect =
  | { readonly type: 'review'; readonly effect: ReviewEffect }
  | { readonly type: 'loadStats' }
  | { readonly type: 'suspendToggle' | 'reset'; readonly card: Card }
  | { readonly type: 'browseUndo' }
  | { readonly type: 'edit'; readonly card: Card }
  | { readonly type: 'quit'; readonly message?: string };

export interface AppStep {
  readonly state: AppState;
  readonly effects: readonly AppEffect[];
}

/** What the reducer may read besides the state: values, computed by the shell for this moment. */
export interface AppEnv {
  readonly at: number;
  readonly t: Messages;
  /** Rows of the deck list, and how many fit. */
  readonly homeRows: () => readonly { readonly name: string }[];
  readonly homePage: number;
  /** Browse's results for a query, and how many rows its list shows. */
  readonly results: (query: string) => readonly Card[];
  readonly browsePage: number;
  /** How far the card on the review screen can scroll, and its page. */
  readonly reviewScroll: (session: ReviewState) => { readonly max: number; readonly page: number };
  /** The help's rows, and how many fit. */
  readonly helpRows: (screens: readonly Screen[]) => {
    readonly last: number;
    readonly page: number;
  };
  readonly statsRows: (stats: Stats) => { readonly last: number; readonly page: number };
  readonly statsAvailable: boolean;
}

export const EMPTY_SUMMARY: SessionSummary = { reviewed: 0, again: 0, ms: 0 };

export function initialState(view: View, total: SessionSummary = EMPTY_SUMMARY): AppState {
  return { view, help: null, total };
}

/** A review view starting on a source; its first card comes from a `pick` effect. */
export function reviewView(
  source: QueueSource,
  at: number,
  from: { fromHome: boolean; homeSelected: number },
): { view: View; effects: AppEffect[] } {
  return {
    view: { screen: 'review', session: startReview(source, null, at), ...from },
    effects: [{ type: 'review', effect: { type: 'pick', status: null } }],
  };
}

export function examSource(cards: readonly ExamCard[], minutes: number, at: number): QueueSource {
  return {
    kind: 'exam',
    cards,
    index: 0,
    results: new Map(),
    deadline: at + minutes * 60_000,
    score: null,
    timedOut: false,
  };
}

export type AppEvent =
  | { readonly type: 'key'; readonly key: KeyEvent }
  | { readonly type: 'tick' }
  | { readonly type: 'review'; readonly action: ReviewAction }
  | { readonly type: 'stats'; readonly stats: Stats }
  | { readonly type: 'status'; readonly text: string };

const stay = (state: AppState): AppStep => ({ state, effects: [] });

export function appReducer(state: AppState, event: AppEvent, env: AppEnv): AppStep {
  switch (event.type) {
    case 'key':
      return state.help
        ? helpKey(state, state.help, event.key, env)
        : screenKey(state, event.key, env);
    case 'tick':
      return tick(state, env);
    case 'review':
      return state.view.screen === 'review'
        ? reviewStep(state, state.view, event.action, env)
        : stay(state);
    case 'stats':
      return state.view.screen === 'stats'
        ? stay({ ...state, view: { ...state.view, stats: event.stats } })
        : stay(state);
    case 'status':
      return state.view.screen === 'browse'
        ? stay({ ...state, view: { ...state.view, status: event.text } })
        : stay(state);
    default:
      return checkExhaustive(event);
  }
}

/** The screen whose key table the next key goes through. */
export function activeScreen(state: AppState): Screen {
  if (state.help) return 'help';
  const view = state.view;
  switch (view.screen) {
    case 'home':
    case 'stats':
      return view.screen;
    case 'browse':
      return view.editing ? 'search' : 'browse';
    case 'review': {
      const { session } = view;
      if (isTyping(session)) return 'typing';
      if (session.source.kind === 'exam') return session.source.score ? 'examDone' : 'exam';
      return 'review';
    }
  }
}

function helpKey(state: AppState, help: HelpState, key: KeyEvent, env: AppEnv): AppStep {
  const { last, page } = env.helpRows(help.screens);
  const moved =
    last > 0
      ? moveSelection(commandFor('help', key), Math.min(help.scroll, last), last, page - 1)
      : null;
  // Movement scrolls a help taller than the terminal; any other key closes it.
  return stay({ ...state, help: moved === null ? null : { ...help, scroll: moved } });
}

function openHelp(state: AppState, screens: readonly Screen[]): AppStep {
  return stay({ ...state, help: { screens, scroll: 0 } });
}

function screenKey(state: AppState, key: KeyEvent, env: AppEnv): AppStep {
  const view = state.view;
  const screen = activeScreen(state);
  const command = commandFor(screen, key);
  switch (view.screen) {
    case 'home':
      return homeKey(state, view, command, env);
    case 'stats':
      return statsKey(state, view, command, env);
    case 'browse':
      return browseKey(state, view, command, key, env);
    case 'review':
      return reviewKey(state, view, screen, command, key, env);
  }
}

function homeKey(
  state: AppState,
  view: Extract<View, { screen: 'home' }>,
  command: Command | null,
  env: AppEnv,
): AppStep {
  const rows = env.homeRows();
  const selected = Math.min(view.selected, Math.max(0, rows.length - 1));
  const moved = moveSelection(command, selected, Math.max(0, rows.length - 1), env.homePage);
  if (moved !== null) return stay({ ...state, view: { screen: 'home', selected: moved } });
  const from = { fromHome: true, homeSelected: selected };
  switch (command) {
    case 'open':
    case 'reviewAll': {
      const name = command === 'open' ? rows[selected]?.name : undefined;
      const started = reviewView(
        { kind: 'schedule', ...(name ? { deck: name } : {}) },
        env.at,
        from,
      );
      return { state: { ...state, view: started.view }, effects: started.effects };
    }
    case 'search':
      return stay({
        ...state,
        view: {
          screen: 'browse',
          homeSelected: selected,
          query: EMPTY_FIELD,
          editing: true,
          selected: 0,
          status: null,
        },
      });
    case 'stats':
      if (!env.statsAvailable) return stay(state);
      return {
        state: { ...state, view: { screen: 'stats', homeSelected: selected, stats: null, top: 0 } },
        effects: [{ type: 'loadStats' }],
      };
    case 'help':
      return openHelp(state, ['home']);
    case 'quit':
      return { state, effects: [{ type: 'quit' }] };
    default:
      return stay(state);
  }
}

function statsKey(
  state: AppState,
  view: Extract<View, { screen: 'stats' }>,
  command: Command | null,
  env: AppEnv,
): AppStep {
  if (command === 'help') return openHelp(state, ['stats']);
  if (command === 'back')
    return stay({ ...state, view: { screen: 'home', selected: view.homeSelected } });
  if (!view.stats) return stay(state);
  const { last, page } = env.statsRows(view.stats);
  const moved = moveSelection(command, Math.min(view.top, last), last, page - 1);
  return moved === null ? stay(state) : stay({ ...state, view: { ...view, top: moved } });
}

function browseKey(
  state: AppState,
  view: BrowseState,
  command: Command | null,
  key: KeyEvent,
  env: AppEnv,
): AppStep {
  const set = (next: Partial<BrowseState>): AppStep =>
    stay({ ...state, view: { ...view, ...next } });
  if (view.editing) {
    if (command === 'back') {
      return view.query.text === ''
        ? stay({ ...state, view: { screen: 'home', selected: view.homeSelected } })
        : set({ query: EMPTY_FIELD, selected: 0 });
    }
    if (command === 'submit') return set({ editing: false });
    const edit = fieldEdit(key);
    if (!edit) return stay(state);
    const query = editField(view.query, edit);
    return set({ query, selected: query.text === view.query.text ? view.selected : 0 });
  }
  const results = env.results(view.query.text);
  const last = Math.max(0, results.length - 1);
  const selected = Math.min(view.selected, last);
  const moved = moveSelection(command, selected, last, env.browsePage);
  if (moved !== null) return set({ selected: moved });
  const card = results[selected];
  switch (command) {
    case 'search':
      return set({ editing: true, query: fieldOf(view.query.text) });
    case 'help':
      return openHelp(state, ['browse', 'search']);
    case 'back':
      return stay({ ...state, view: { screen: 'home', selected: view.homeSelected } });
    case 'toggleSuspend':
    case 'reset':
      if (!card) return stay(state);
      return {
        state: { ...state, view: { ...view, selected } },
        effects: [{ type: command === 'reset' ? 'reset' : 'suspendToggle', card }],
      };
    case 'undo':
      return { state, effects: [{ type: 'browseUndo' }] };
    case 'edit':
      return card
        ? { state: { ...state, view: { ...view, selected } }, effects: [{ type: 'edit', card }] }
        : stay(state);
    default:
      return stay(state);
  }
}

function reviewKey(
  state: AppState,
  view: Extract<View, { screen: 'review' }>,
  screen: Screen,
  command: Command | null,
  key: KeyEvent,
  env: AppEnv,
): AppStep {
  const at = env.at;
  const act = (action: ReviewAction) => reviewStep(state, view, action, env);
  const scroll = (delta: (page: number) => number) => {
    const { max, page } = env.reviewScroll(view.session);
    return act({ type: 'scroll', delta: delta(page), max });
  };
  if (screen === 'typing') {
    if (command === 'submit') return act({ type: 'submit', at });
    if (command === 'leaveField') return act({ type: 'leaveField' });
    const edit = fieldEdit(key);
    return edit ? act({ type: 'field', edit }) : stay(state);
  }
  switch (command) {
    case 'up':
      return scroll(() => -1);
    case 'down':
      return scroll(() => 1);
    case 'pageUp':
      return scroll((page) => -(page - 1));
    case 'pageDown':
      return scroll((page) => page - 1);
    case 'help':
      return openHelp(state, screen === 'exam' ? ['exam', 'typing'] : ['review', 'typing']);
    case 'back':
    case 'finish':
      return act({ type: 'leave', at });
    case 'reveal':
      return act(view.session.revealed ? { type: 'confirm', at } : { type: 'reveal', at });
    case 'focusField':
      return act({ type: 'focusField' });
    case 'again':
    case 'hard':
    case 'good':
    case 'easy':
      return act({ type: 'rate', rating: RATING[command], at });
    case 'right':
    case 'wrong':
      return act({ type: 'grade', right: command === 'right', at });
    case 'undo':
    case 'bury':
    case 'suspend':
    case 'edit':
      return act({ type: command });
    default:
      return stay(state);
  }
}

const RATING = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
} as const;

/** One review action, and what leaving or editing means for the app. */
function reviewStep(
  state: AppState,
  view: Extract<View, { screen: 'review' }>,
  action: ReviewAction,
  env: AppEnv,
): AppStep {
  const step = reviewReducer(view.session, action);
  let next: AppState = { ...state, view: { ...view, session: step.state } };
  const effects: AppEffect[] = [];
  for (const effect of step.effects) {
    if (effect.type === 'edit') effects.push({ type: 'edit', card: effect.card });
    else if (effect.type === 'leave') {
      const left = leaveReview(next, view, step.state, env);
      next = left.state;
      effects.push(...left.effects);
    } else effects.push({ type: 'review', effect });
  }
  return { state: next, effects };
}

function leaveReview(
  state: AppState,
  view: Extract<View, { screen: 'review' }>,
  session: ReviewState,
  env: AppEnv,
): AppStep {
  const { t } = env;
  const source = session.source;
  if (source.kind === 'exam') {
    const score = source.score;
    const message = score
      ? `${t.exam.result(Math.round(score.score * 100), score.passed)} · ${score.correct}/${score.total}`
      : undefined;
    return { state, effects: [{ type: 'quit', ...(message ? { message } : {}) }] };
  }
  const summary = { ...sessionCounts(session), ms: env.at - session.startedAt };
  const total = addSummary(state.total, summary);
  if (!view.fromHome) return { state: { ...state, total }, effects: [{ type: 'quit' }] };
  return stay({
    ...state,
    total,
    view: { screen: 'home', selected: view.homeSelected, status: summaryText(summary, t) },
  });
}

function tick(state: AppState, env: AppEnv): AppStep {
  const view = state.view;
  if (view.screen !== 'review') return stay(state);
  const { session } = view;
  if (session.source.kind === 'exam')
    return reviewStep(state, view, { type: 'tick', at: env.at }, env);
  // The finished screen picks up a learning card once it is due, as Anki does.
  if (!session.showing && session.source.kind === 'schedule')
    return { state, effects: [{ type: 'review', effect: { type: 'pick' } }] };
  return stay(state);
}

export function addSummary(a: SessionSummary, b: SessionSummary): SessionSummary {
  return { reviewed: a.reviewed + b.reviewed, again: a.again + b.again, ms: a.ms + b.ms };
}

export function summaryText(summary: SessionSummary, t: Messages): string {
  const seconds = Math.round(summary.ms / 1000);
  return t.summary(
    summary.reviewed,
    t.duration(Math.floor(seconds / 60), seconds % 60),
    summary.reviewed ? summary.again / summary.reviewed : 0,
  );
}
