import { useState } from 'react';
import type { Card } from '../deck/types.js';
import type { ExamCard } from '../session/exam.js';
import type { Study } from '../session/study.js';
import type { Stats } from '../stats/stats.js';
import type { Messages } from './i18n.js';
import { Browse, type BrowseResume } from './screens/Browse.js';
import { Exam } from './screens/Exam.js';
import { Home } from './screens/Home.js';
import { Review, type SessionSummary } from './screens/Review.js';
import type { ReviewState } from './screens/reviewState.js';
import { StatsScreen } from './screens/StatsScreen.js';
import type { Theme } from './theme.js';

export type View =
  | { readonly screen: 'home'; readonly selected: number; readonly status?: string }
  | {
      readonly screen: 'review';
      readonly deck?: string;
      /** Back to the deck list on q, or quit (`kioku review`). */
      readonly fromHome: boolean;
      readonly homeSelected: number;
      readonly resume?: { readonly state: ReviewState; readonly startedAt: number };
      /** A cram session over these cards instead of the schedule. */
      readonly cram?: readonly Card[];
    }
  | { readonly screen: 'browse'; readonly homeSelected: number; readonly resume?: BrowseResume }
  | { readonly screen: 'stats'; readonly homeSelected: number; readonly stats: Stats }
  | { readonly screen: 'exam'; readonly exam: readonly ExamCard[]; readonly minutes: number };

export type AppResult =
  | { readonly type: 'quit'; readonly summary: SessionSummary; readonly message?: string }
  | {
      readonly type: 'edit';
      readonly card: Card;
      readonly view: View;
      readonly summary: SessionSummary;
    };

export interface AppProps {
  readonly study: Study;
  readonly messages: Messages;
  readonly theme: Theme;
  readonly now: () => Date;
  readonly problems: readonly string[];
  readonly decksDir: string;
  readonly initial: View;
  /** Computes the statistics (reads the whole review log); absent: no stats screen. */
  readonly loadStats?: () => Stats;
  /** Sessions finished before this render (kept across an $EDITOR round trip). */
  readonly summary?: SessionSummary;
  readonly onDone: (result: AppResult) => void;
}

const EMPTY: SessionSummary = { reviewed: 0, again: 0, ms: 0 };

function add(a: SessionSummary, b: SessionSummary): SessionSummary {
  return { reviewed: a.reviewed + b.reviewed, again: a.again + b.again, ms: a.ms + b.ms };
}

/** The screens and how the user moves between them; the result goes back to the CLI. */
export function App(props: AppProps) {
  const { study, messages: t, theme, now, problems } = props;
  const [view, setView] = useState<View>(props.initial);
  const [total, setTotal] = useState<SessionSummary>(props.summary ?? EMPTY);

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
          selected={view.selected}
          {...(view.status ? { status: view.status } : {})}
          onReview={(deck, selected) =>
            setView({
              screen: 'review',
              ...(deck ? { deck } : {}),
              fromHome: true,
              homeSelected: selected,
            })
          }
          onBrowse={(selected) => setView({ screen: 'browse', homeSelected: selected })}
          {...(props.loadStats
            ? {
                onStats: (selected: number) =>
                  setView({ screen: 'stats', homeSelected: selected, stats: props.loadStats!() }),
              }
            : {})}
          onQuit={() => props.onDone({ type: 'quit', summary: total })}
        />
      );
    case 'review':
      return (
        <Review
          key={`review-${view.deck ?? ''}`}
          study={study}
          {...(view.deck ? { deck: view.deck } : {})}
          messages={t}
          theme={theme}
          now={now}
          problems={problems}
          {...(view.resume ? { resume: view.resume } : {})}
          {...(view.cram ? { cram: view.cram } : {})}
          onExit={(summary) => {
            const all = add(total, summary);
            if (!view.fromHome) return props.onDone({ type: 'quit', summary: all });
            setTotal(all);
            const seconds = Math.round(summary.ms / 1000);
            setView({
              screen: 'home',
              selected: view.homeSelected,
              status: t.summary(
                summary.reviewed,
                t.duration(Math.floor(seconds / 60), seconds % 60),
                summary.reviewed ? summary.again / summary.reviewed : 0,
              ),
            });
          }}
          onEdit={(card, resume) =>
            props.onDone({ type: 'edit', card, view: { ...view, resume }, summary: total })
          }
        />
      );
    case 'browse':
      return (
        <Browse
          study={study}
          messages={t}
          theme={theme}
          now={now}
          {...(view.resume ? { resume: view.resume } : {})}
          onBack={() => setView({ screen: 'home', selected: view.homeSelected })}
          onEdit={(card, resume) =>
            props.onDone({ type: 'edit', card, view: { ...view, resume }, summary: total })
          }
        />
      );
    case 'exam':
      return (
        <Exam
          study={study}
          exam={view.exam}
          minutes={view.minutes}
          messages={t}
          theme={theme}
          now={now}
          onExit={(score) =>
            props.onDone({
              type: 'quit',
              summary: total,
              ...(score
                ? {
                    message: `${t.exam.result(Math.round(score.score * 100), score.passed)} · ${score.correct}/${score.total}`,
                  }
                : {}),
            })
          }
        />
      );
    case 'stats':
      return (
        <StatsScreen
          stats={view.stats}
          messages={t}
          theme={theme}
          onBack={() => setView({ screen: 'home', selected: view.homeSelected })}
        />
      );
  }
}
