import { useEffect, useMemo, useState } from 'react';
import type { Study } from '../../session/study.js';
import { Lines } from '../components/Lines.js';
import {
  examStatus,
  examStatusQuick,
  type HomeView,
  homeFigures,
  homeLines,
  listHeight,
} from '../homeView.js';
import type { Size } from '../hooks.js';
import type { Messages } from '../i18n.js';
import type { Theme } from '../theme.js';

export interface HomeProps {
  readonly study: Study;
  readonly messages: Messages;
  readonly theme: Theme;
  readonly now: () => Date;
  readonly problems: readonly string[];
  readonly decksDir: string;
  readonly size: Size;
  readonly selected: number;
  /** Shown once, e.g. the summary of the session just finished. */
  readonly status?: string;
  readonly stats: boolean;
}

/** The deck list: a view of the state; its keys are the app reducer's. */
export function Home(props: HomeProps) {
  const { study, messages: t, theme, now, problems, size } = props;
  const problemSet = useMemo(() => new Set(problems), [problems]);
  // Counts change with every answer and with the clock: homeFigures recomputes
  // them then, and only then (a key that moves the selection draws from its cache).
  const at = now();
  const { rows, studiedToday } = homeFigures(study, at, problemSet);
  // The exam prediction simulates the plan (a few hundred milliseconds on large
  // decks): the frame is drawn first with the figure pending, then again with it.
  const exam = examStatusQuick(study, at);
  const pending = exam?.pending === true;
  const [, setWorkedOut] = useState(0);
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => {
      examStatus(study, now());
      setWorkedOut((n) => n + 1);
    }, 0);
    return () => clearTimeout(timer);
  }, [pending, study, now]);
  const view: HomeView = {
    rows,
    selected: Math.min(props.selected, rows.length - 1),
    width: size.columns,
    height: size.rows,
    studiedToday,
    exam,
    problems,
    ...(props.status ? { status: props.status } : {}),
    decksDir: props.decksDir,
    stats: props.stats,
    color: theme.color,
    t,
  };
  return <Lines lines={homeLines(view)} theme={theme} />;
}

/** Rows a page of the deck list moves. */
export function homePage(size: Size, problems: readonly string[]): number {
  return listHeight({ height: size.rows, problems });
}
