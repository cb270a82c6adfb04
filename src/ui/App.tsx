import { useStdout } from 'ink';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Study } from '../session/study.js';
import type { Stats } from '../stats/stats.js';
import { type AppResult, Controller } from './app/controller.js';
import type { AppEffect, AppState } from './app/state.js';
import { Help, helpLayout } from './components/Help.js';
import {
  realTicker,
  type Size,
  type Ticker,
  terminalSize,
  useTerminalInput,
  useTerminalSize,
} from './hooks.js';
import type { Messages } from './i18n.js';
import { Browse, browseLayout } from './screens/Browse.js';
import { Exam, examLayout } from './screens/Exam.js';
import { Home, homePage } from './screens/Home.js';
import { Review, reviewLayout } from './screens/Review.js';
import { StatsScreen, statsLayout } from './screens/StatsScreen.js';
import type { Theme } from './theme.js';

export interface AppProps {
  readonly study: Study;
  readonly messages: Messages;
  readonly theme: Theme;
  readonly now: () => Date;
  readonly problems: readonly string[];
  readonly decksDir: string;
  /** Where to start, and what to do first (a review's first card is picked by an effect). */
  readonly initial: { readonly state: AppState; readonly effects: readonly AppEffect[] };
  /** Computes the statistics (reads the whole review log); absent: no stats screen. */
  readonly loadStats?: () => Stats;
  /** The clock's tick (exam time, a finished session picking up a due card). */
  readonly ticker?: Ticker;
  readonly onDone: (result: AppResult) => void;
}

/** The screens: a view of the controller's state, which alone answers keys. */
export function App(props: AppProps) {
  const { study, messages: t, theme, now, problems } = props;
  const { stdout } = useStdout();
  const size = useTerminalSize();
  const [controller] = useState(
    () =>
      new Controller(props.initial.state, props.initial.effects, {
        study,
        t,
        now,
        ...(props.loadStats ? { loadStats: props.loadStats } : {}),
        layout: (state) => layoutFor(state, terminalSize(stdout), props, now()),
        onDone: props.onDone,
      }),
  );
  useEffect(() => controller.setStudy(study), [controller, study]);
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  useTerminalInput((chunk) => controller.input(chunk));
  const ticker = props.ticker ?? realTicker;
  useEffect(() => ticker.every(1000, () => controller.tick()), [ticker, controller]);

  if (state.help)
    return (
      <Help
        screens={state.help.screens}
        scroll={state.help.scroll}
        size={size}
        messages={t}
        theme={theme}
      />
    );
  const view = state.view;
  switch (view.screen) {
    case 'home':
      return (
        <Home
          study={study}
          messages={t}
          theme={theme}
          now={now}
          problems={problems}
          decksDir={props.decksDir}
          size={size}
          selected={view.selected}
          stats={props.loadStats !== undefined}
          {...(view.status ? { status: view.status } : {})}
        />
      );
    case 'review':
      return view.session.source.kind === 'exam' ? (
        <Exam session={view.session} messages={t} theme={theme} now={now} size={size} />
      ) : (
        <Review
          session={view.session}
          study={study}
          messages={t}
          theme={theme}
          now={now}
          size={size}
          problems={problems}
        />
      );
    case 'browse':
      return <Browse view={view} study={study} messages={t} theme={theme} now={now} size={size} />;
    case 'stats':
      return (
        <StatsScreen stats={view.stats} top={view.top} size={size} messages={t} theme={theme} />
      );
  }
}

/** The layout figures the reducer moves by, for the screen as it would be drawn now. */
function layoutFor(state: AppState, size: Size, props: AppProps, at: Date) {
  const { study, messages: t, theme, problems } = props;
  const view = state.view;
  return {
    homePage: homePage(size, problems),
    browsePage: view.screen === 'browse' ? browseLayout(study, view, size, at, t).height : 1,
    reviewScroll: (session: Parameters<typeof reviewLayout>[0]) => {
      const layout =
        session.source.kind === 'exam'
          ? examLayout(session, size, t, theme)
          : reviewLayout(session, study, size, problems, t, theme, at);
      return { max: layout.maxScroll, page: layout.height };
    },
    helpRows: (screens: Parameters<typeof helpLayout>[0]) => helpLayout(screens, size, t),
    statsRows: (stats: Stats) => statsLayout(stats, size, t),
  };
}
