import { spawnSync } from 'node:child_process';
import { render } from 'ink';
import type { Card } from '../deck/types.js';
import type { ExamCard } from '../session/exam.js';
import type { Study } from '../session/study.js';
import type { Stats } from '../stats/stats.js';
import { neutralize } from '../text/sanitize.js';
import { App, type AppResult, type View } from './App.js';
import { handOver } from './firstPaint.js';
import { type Language, MESSAGES } from './i18n.js';
import type { SessionSummary } from './screens/Review.js';
import type { Status } from './screens/reviewState.js';
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
}

/**
 * Runs the UI until the user quits; returns the one-line session summary. An
 * edit in $EDITOR leaves Ink, hands the terminal to the editor, reloads the
 * decks and comes back to the same screen.
 */
export async function runApp(options: RunOptions): Promise<string> {
  const t = MESSAGES[options.language];
  const theme = options.color ? defaultTheme : monochromeTheme;
  for (const w of options.warnings) process.stderr.write(`kioku: ${neutralize(w)}\n`);
  let study = options.study;
  let problems = options.problems;
  let view: View = firstView(options);
  let summary: SessionSummary | undefined;
  let status: string | null = null;
  let painted = options.painted?.lines ?? 0;

  for (;;) {
    if (painted > 0) handOver(painted, process.stdout);
    painted = 0;
    const result = await new Promise<AppResult>((resolve) => {
      let done: AppResult | null = null;
      const app = render(
        <App
          study={study}
          messages={t}
          theme={theme}
          now={() => new Date()}
          problems={problems}
          decksDir={options.decksDir}
          {...(options.loadStats ? { loadStats: options.loadStats } : {})}
          initial={status && view.screen === 'home' ? { ...view, status } : view}
          {...(summary ? { summary } : {})}
          onDone={(r) => {
            done = r;
            app.unmount();
          }}
        />,
        // Not Ink's incrementalRendering: with a frame one line short of the
        // terminal it redraws one line too low (seen in tmux at 80×24).
        { exitOnCtrlC: false },
      );
      app
        .waitUntilExit()
        .then(() => resolve(done ?? { type: 'quit', summary: summary ?? empty() }));
    });
    if (result.type === 'quit') return result.message ?? format(result.summary, t);

    summary = result.summary;
    const edited = openEditor(result.card);
    const reloaded = await options.reload();
    study = reloaded.study;
    problems = reloaded.problems;
    status = edited === null ? t.edited : t.editorFailed(edited);
    view = afterEdit(result.view, { text: status, tone: edited === null ? 'success' : 'error' });
  }
}

function firstView(options: RunOptions): View {
  if (options.exam)
    return { screen: 'exam', exam: options.exam.cards, minutes: options.exam.minutes };
  if (options.cram)
    return { screen: 'review', cram: options.cram, fromHome: false, homeSelected: 0 };
  if (options.review) {
    return {
      screen: 'review',
      ...(options.review.deck ? { deck: options.review.deck } : {}),
      fromHome: false,
      homeSelected: 0,
    };
  }
  return { screen: 'home', selected: options.painted?.selected ?? 0 };
}

/** After an edit the card may have changed or moved: the review picks its next card afresh. */
function afterEdit(view: View, status: Status): View {
  if (view.screen !== 'review' || !view.resume) return view;
  return {
    ...view,
    resume: { ...view.resume, state: { ...view.resume.state, showing: null, status } },
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

function empty(): SessionSummary {
  return { reviewed: 0, again: 0, ms: 0 };
}

function format(summary: SessionSummary, t: (typeof MESSAGES)[Language]): string {
  const seconds = Math.round(summary.ms / 1000);
  return t.summary(
    summary.reviewed,
    t.duration(Math.floor(seconds / 60), seconds % 60),
    summary.reviewed ? summary.again / summary.reviewed : 0,
  );
}
