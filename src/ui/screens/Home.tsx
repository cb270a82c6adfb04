import { useMemo, useState } from 'react';
import type { Study } from '../../session/study.js';
import { Help } from '../components/Help.js';
import { Lines } from '../components/Lines.js';
import { deckRows, type HomeView, homeLines, listHeight } from '../homeView.js';
import { useKeys, useLatestState, useTerminalSize } from '../hooks.js';
import type { Messages } from '../i18n.js';
import { commandFor, keyEvent, moveSelection } from '../keys.js';
import type { Theme } from '../theme.js';

export interface HomeProps {
  readonly study: Study;
  readonly messages: Messages;
  readonly theme: Theme;
  readonly now: () => Date;
  readonly problems: readonly string[];
  readonly decksDir: string;
  /** Shown once, e.g. the summary of the session just finished. */
  readonly status?: string;
  readonly selected?: number;
  readonly onReview: (deck: string | undefined, selected: number) => void;
  readonly onBrowse: (selected: number) => void;
  readonly onStats?: (selected: number) => void;
  readonly onQuit: () => void;
}

export function Home(props: HomeProps) {
  const { study, messages: t, theme, now, problems } = props;
  const size = useTerminalSize();
  const [help, setHelp] = useState(false);
  const problemSet = useMemo(() => new Set(problems), [problems]);
  const rows = useMemo(() => deckRows(study, now(), problemSet), [study, now, problemSet]);
  const [selected, setSelected, latest] = useLatestState(
    Math.min(props.selected ?? 0, rows.length - 1),
  );
  const today = study.studiedToday(now());

  const view: HomeView = {
    rows,
    selected,
    width: size.columns,
    height: size.rows,
    studiedToday: today,
    problems,
    ...(props.status ? { status: props.status } : {}),
    decksDir: props.decksDir,
    stats: props.onStats !== undefined,
    color: theme.color,
    t,
  };
  const height = listHeight(view);

  useKeys(onKey);

  function onKey(input: string, key: Parameters<typeof keyEvent>[1]) {
    // The help handles its own keys (it scrolls), and closes itself.
    if (help) return;
    const command = commandFor('home', keyEvent(input, key));
    const last = rows.length - 1;
    if (moveSelection(command, 0, 0, 0) !== null) {
      return setSelected((s) => moveSelection(command, s, last, height) ?? s);
    }
    // Not `selected`: after `jjj` arriving with this Enter, that is still the old row.
    const at = latest.current;
    switch (command) {
      case 'open': {
        const row = rows[at];
        return props.onReview(row?.name === '' ? undefined : row?.name, at);
      }
      case 'reviewAll':
        return props.onReview(undefined, at);
      case 'search':
        return props.onBrowse(at);
      case 'stats':
        return props.onStats?.(at);
      case 'help':
        return setHelp(true);
      case 'quit':
        return props.onQuit();
      default:
    }
  }

  if (help)
    return <Help screens={['home']} messages={t} theme={theme} onClose={() => setHelp(false)} />;
  return <Lines lines={homeLines(view)} theme={theme} />;
}
