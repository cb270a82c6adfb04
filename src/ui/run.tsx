import { spawnSync } from 'node:child_process';
import { render } from 'ink';
import type { Card } from '../model/card.js';
import type { ExamCard } from '../model/exam.js';
import type { QueueSource, Status } from '../session/review.js';
import type { Study } from '../session/study.js';
import type { Stats } from '../stats/stats.js';
import { neutralize } from '../text/sanitize.js';
import { loadExactWidth } from '../text/width.js';
import { App } from './App.js';
import type { AppResult } from './app/controller.js';
import {
  type AppEffect,
  type AppState,
  EMPTY_SUMMARY,
  examSource,
  initialState,
  reviewView,
  summaryText,
} from './app/state.js';
import { clearBelow, handOver } from './firstPaint.js';
import { type Language, MESSAGES } from './i18n.js';
import { defaultTheme, monochromeTheme } from './theme.js';

export interface RunOptions {
  readonly study: Study;
  /** Start reviewing this deck at once (`kioku review [DECK]`); otherwise the deck list. */
  readonly review?: { readonly deck?: string };
  /** Start a cram session over these cards (`kioku cram`). */
  readonly cram?: readonly Card[];
  /** Start a mock exam (`kioku exam`). */
  readonly exam?: { readonly cards: readonly ExamCard[]; readonly minutes: number };
  readonly warnings: readonly string[];
  /** Deck files with errors, flagged on screen. */
  readonly problems: readonly string[];
  readonly decksDir: string;
  readonly language: Language;
  readonly color: boolean;
  /** Computes the statistics for the stats screen. */
  readonly loadStats?: () => Stats;
  /** The deck list already drawn by `paintHome`: its lines, for Ink to draw over, and selection. */
  readonly painted?: { readonly lines: number; readonly selected: number };
  /** Reads the decks again after the user edited one; returns the new study. */
  readonly reload: () => Promise<{ study: Study; problems: readonly string[] }>;
  /**
   * Calls back when deck files change on disk (the shell's file watcher);
   * returns how to stop. The screens then draw from the decks read again,
   * keeping where the user is.
   */
  readonly onDecksChanged?: (changed: () => void) => () => void;
}

/**
 * Runs the UI until the user quits; returns the one-line session summary. An
 * edit in $EDITOR leaves Ink, hands the terminal to the editor, reloads the
 * decks and comes back to the same screen, redrawn from a clear screen.
 */
export async function runApp(options: RunOptions): Promise<string> {
  // Ink has loaded string-width already: from here on every width is the exact one.
  await loadExactWidth();
  const t = MESSAGES[options.language];
  const theme = options.color ? defaultTheme : monochromeTheme;
  for (const w of options.warnings) process.stderr.write(`kioku: ${neutralize(w)}\n`);
  let study = options.study;
  let problems = options.problems;
  let start = firstState(options, Date.now());
  let painted = options.painted?.lines ?? 0;
  const out = process.stdout;
  // Bracketed paste: a pasted text arrives marked, so it is typed, never read as keys.
  out.write(PASTE_ON);
  process.once('exit', () => out.write(PASTE_OFF));
  try {
    for (;;) {
      const handedOver = painted > 0;
      if (handedOver) handOver(painted, out);
      painted = 0;
      const result = await new Promise<AppResult>((resolve) => {
        let done: AppResult | null = null;
        const element = () => (
          <App
            study={study}
            messages={t}
            theme={theme}
            now={() => new Date()}
            problems={problems}
            decksDir={options.decksDir}
            {...(options.loadStats ? { loadStats: options.loadStats } : {})}
            initial={start}
            onDone={(r) => {
              done = r;
              stopWatching();
              app.unmount();
            }}
          />
        );
        const app = render(
          element(),
          // Not Ink's incrementalRendering: with a frame one line short of the
          // terminal it redraws one line too low (seen in tmux at 80×24).
          { exitOnCtrlC: false },
        );
        // Ink writes its first frame before render() returns (its throttle is leading).
        if (handedOver) clearBelow(out);
        // Same App, new study: the controller keeps the screen and the session in progress.
        let reloads = 0;
        const stopWatching =
          options.onDecksChanged?.(() => {
            const mine = ++reloads;
            options
              .reload()
              .then((reloaded) => {
                // Only the latest reading counts, and none once the screen is gone.
                if (done || mine !== reloads) return;
                study = reloaded.study;
                problems = reloaded.problems;
                app.rerender(element());
              })
              .catch(() => {});
          }) ?? (() => {});
        app.waitUntilExit().then(() => {
          stopWatching();
          resolve(done ?? { type: 'quit', summary: EMPTY_SUMMARY });
        });
      });
      if (result.type === 'quit') return result.message ?? summaryText(result.summary, t);

      out.write(PASTE_OFF);
      const edited = openEditor(result.card);
      out.write(PASTE_ON);
      const reloaded = await options.reload();
      study = reloaded.study;
      problems = reloaded.problems;
      // The editor leaves its own screen behind in some terminals: start from a clear one.
      out.write('\u001B[2J\u001B[3J\u001B[H');
      start = afterEdit(result.state, study, {
        text: edited === null ? t.edited : t.editorFailed(edited),
        tone: edited === null ? 'success' : 'error',
      });
    }
  } finally {
    out.write(PASTE_OFF);
  }
}

const PASTE_ON = '\u001B[?2004h';
const PASTE_OFF = '\u001B[?2004l';

function firstState(options: RunOptions, at: number): { state: AppState; effects: AppEffect[] } {
  const once = { fromHome: false, homeSelected: 0 };
  const source: QueueSource | null = options.exam
    ? examSource(options.exam.cards, options.exam.minutes, at)
    : options.cram
      ? { kind: 'cram', left: options.cram }
      : options.review
        ? { kind: 'schedule', ...(options.review.deck ? { deck: options.review.deck } : {}) }
        : null;
  if (!source)
    return {
      state: initialState({ screen: 'home', selected: options.painted?.selected ?? 0 }),
      effects: [],
    };
  const { view, effects } = reviewView(source, at, once);
  return { state: initialState(view), effects };
}

/**
 * After an edit the cards are new objects (and the edited one may have changed
 * or moved): a review picks its next card afresh, a cram or exam finds its
 * cards again by id.
 */
function afterEdit(
  state: AppState,
  study: Study,
  status: Status,
): { state: AppState; effects: AppEffect[] } {
  const view = state.view;
  if (view.screen === 'browse')
    return { state: { ...state, view: { ...view, status: status.text } }, effects: [] };
  if (view.screen === 'home')
    return { state: { ...state, view: { ...view, status: status.text } }, effects: [] };
  if (view.screen !== 'review') return { state, effects: [] };
  const byId = new Map(study.decks.cards.map((c) => [c.id, c]));
  const source = view.session.source;
  const found: QueueSource =
    source.kind === 'cram'
      ? { ...source, left: source.left.flatMap((c) => byId.get(c.id) ?? []) }
      : source.kind === 'exam'
        ? {
            ...source,
            cards: source.cards.map((e) => ({ ...e, card: byId.get(e.card.id) ?? e.card })),
          }
        : source;
  return {
    state: {
      ...state,
      view: { ...view, session: { ...view.session, source: found, showing: null, status } },
    },
    effects: [{ type: 'review', effect: { type: 'pick' } }],
  };
}

/**
 * Opens $VISUAL or $EDITOR (else vi) at the card's line. The command may carry
 * arguments (`code --wait`); the file is passed as an argument, never spliced
 * into the shell command. Returns null, or why it failed.
 */
export function openEditor(card: Pick<Card, 'file' | 'line'>): string | null {
  const editor = process.env.VISUAL || process.env.EDITOR || 'vi';
  const run = spawnSync(
    '/bin/sh',
    ['-c', `${editor} "$@"`, 'kioku-editor', `+${card.line}`, card.file],
    {
      stdio: 'inherit',
    },
  );
  if (run.error) return run.error.message;
  if (run.status !== 0) return `${editor} exited with ${run.status ?? run.signal}`;
  return null;
}
