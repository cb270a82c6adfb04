import { render } from 'ink-testing-library';
import { vi } from 'vitest';
import type { Card } from '../../src/model/card.js';
import type { ExamCard } from '../../src/model/exam.js';
import type { QueueSource } from '../../src/session/review.js';
import type { Study } from '../../src/session/study.js';
import type { Stats } from '../../src/stats/stats.js';
import { loadExactWidth } from '../../src/text/width.js';
import { App } from '../../src/ui/App.js';
import type { AppResult } from '../../src/ui/app/controller.js';
import { examSource, initialState, reviewView } from '../../src/ui/app/state.js';
import { MESSAGES } from '../../src/ui/i18n.js';
import { defaultTheme, type Theme } from '../../src/ui/theme.js';
import { firstFrame, manualTicker } from './keys.js';

export type Start =
  | { readonly home: number }
  | { readonly review?: string }
  | { readonly cram: readonly Card[] }
  | { readonly exam: readonly ExamCard[]; readonly minutes: number };

/** Renders the whole app, as `kioku` runs it, on a study, starting where the test says. */
export async function renderApp(
  study: Study,
  options: {
    readonly start?: Start;
    readonly now: () => Date;
    readonly language?: 'en' | 'ja';
    readonly theme?: Theme;
    readonly problems?: readonly string[];
    readonly loadStats?: () => Stats;
  },
) {
  // As runApp does: once Ink is loaded, every width is string-width's.
  await loadExactWidth();
  const onDone = vi.fn<(r: AppResult) => void>();
  const ticker = manualTicker();
  const at = options.now().getTime();
  const start = options.start ?? { home: 0 };
  let initial: Parameters<typeof App>[0]['initial'];
  if ('home' in start)
    initial = { state: initialState({ screen: 'home', selected: start.home }), effects: [] };
  else {
    const source: QueueSource =
      'cram' in start
        ? { kind: 'cram', left: start.cram }
        : 'exam' in start
          ? examSource(start.exam, start.minutes, at)
          : { kind: 'schedule', ...(start.review ? { deck: start.review } : {}) };
    const { view, effects } = reviewView(source, at, { fromHome: false, homeSelected: 0 });
    initial = { state: initialState(view), effects };
  }
  const ui = render(
    <App
      study={study}
      messages={MESSAGES[options.language ?? 'en']}
      theme={options.theme ?? defaultTheme}
      now={options.now}
      problems={options.problems ?? []}
      decksDir="decks"
      initial={initial}
      ticker={ticker}
      {...(options.loadStats ? { loadStats: options.loadStats } : {})}
      onDone={onDone}
    />,
  );
  await firstFrame(ui);
  return { ui, onDone, ticker };
}
