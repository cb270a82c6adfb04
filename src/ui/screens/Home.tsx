import { Box, Text, useInput, useStdin } from 'ink';
import { useMemo, useState } from 'react';
import stringWidth from 'string-width';
import type { Study } from '../../app/study.js';
import { queueCounts } from '../../schedule/queue.js';
import { neutralize } from '../../text/sanitize.js';
import { Help } from '../components/Help.js';
import { useTerminalSize } from '../hooks.js';
import type { Messages } from '../i18n.js';
import { commandFor, hintLine, keyEvent, moveSelection, splitKeys } from '../keys.js';
import { ink, type Theme } from '../theme.js';

export interface DeckRow {
  /** Deck or folder name; '' for the total row. */
  readonly name: string;
  readonly label: string;
  readonly depth: number;
  readonly folder: boolean;
  readonly counts: { new: number; learning: number; review: number };
  readonly problem: boolean;
}

/**
 * The deck tree: a row per folder and per deck (folders first in name order,
 * as a file tree), each with the counts a review of it would start with, and a
 * total row. Pure apart from asking the study for queues.
 */
export function deckRows(study: Study, now: Date, problemFiles: ReadonlySet<string>): DeckRow[] {
  const names = study.decks.decks.map((d) => d.name);
  const withProblem = new Set(
    study.decks.decks.filter((d) => problemFiles.has(d.file)).map((d) => d.name),
  );
  const folders = new Set<string>();
  for (const name of names) {
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  const all = [...new Set([...folders, ...names])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rows: DeckRow[] = all.map((name) => {
    const folder = folders.has(name) && !names.includes(name);
    return {
      name,
      label: name.split('/').at(-1)!,
      depth: name.split('/').length - 1,
      folder,
      counts: queueCounts(study.queue(now, name)),
      problem: folder
        ? [...withProblem].some((d) => d.startsWith(`${name}/`))
        : withProblem.has(name),
    };
  });
  rows.push({
    name: '',
    label: '',
    depth: 0,
    folder: true,
    counts: queueCounts(study.queue(now)),
    problem: false,
  });
  return rows;
}

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
  const { isRawModeSupported } = useStdin();
  const size = useTerminalSize();
  const [help, setHelp] = useState(false);
  const problemSet = useMemo(() => new Set(problems), [problems]);
  const rows = useMemo(() => deckRows(study, now(), problemSet), [study, now, problemSet]);
  const [selected, setSelected] = useState(Math.min(props.selected ?? 0, rows.length - 1));
  const today = study.studiedToday(now());

  // Header, column titles, status, problems, hint: the rest is the list.
  const height = Math.max(3, size.rows - 5 - (problems.length > 0 ? 1 : 0));
  const top = Math.max(0, Math.min(selected - Math.floor(height / 2), rows.length - height));
  const visible = rows.slice(top, top + height);

  useInput(
    (chunk, chunkKey) => {
      for (const { input, key } of splitKeys(chunk, chunkKey)) onKey(input, key);
    },
    { isActive: isRawModeSupported },
  );

  function onKey(input: string, key: Parameters<typeof keyEvent>[1]) {
    if (help) return setHelp(false);
    const command = commandFor('home', keyEvent(input, key));
    const last = rows.length - 1;
    // Functional update: keys that arrive together each move from the last position.
    if (moveSelection(command, 0, 0, 0) !== null) {
      return setSelected((s) => moveSelection(command, s, last, height) ?? s);
    }
    switch (command) {
      case 'open': {
        const row = rows[selected];
        return props.onReview(row?.name === '' ? undefined : row?.name, selected);
      }
      case 'reviewAll':
        return props.onReview(undefined, selected);
      case 'search':
        return props.onBrowse(selected);
      case 'stats':
        return props.onStats?.(selected);
      case 'help':
        return setHelp(true);
      case 'quit':
        return props.onQuit();
      default:
    }
  }

  if (help) return <Help screens={['home']} messages={t} theme={theme} />;

  const numbers = 3 * 7;
  const nameWidth = Math.max(10, size.columns - numbers - 2);
  const cell = (n: number, colour: string) => (
    <Text color={n > 0 ? ink(colour) : ink(theme.muted)}>{String(n).padStart(7)}</Text>
  );
  const todayText = t.today(today);
  return (
    <Box flexDirection="column">
      <Box>
        <Box flexGrow={1}>
          <Text bold color={ink(theme.accent)}>
            kioku 記憶 · {t.homeTitle}
          </Text>
        </Box>
        <Text color={ink(theme.muted)}>{todayText}</Text>
      </Box>
      <Text color={ink(theme.muted)}>
        {pad(t.deck, nameWidth)}
        {pad(t.new, 7, true)}
        {pad(t.learning, 7, true)}
        {pad(t.due, 7, true)}
      </Text>
      {rows.length === 1 ? (
        <Text>{t.noDecks(neutralize(props.decksDir))}</Text>
      ) : (
        visible.map((row, i) => {
          const index = top + i;
          const isSelected = index === selected;
          const name =
            row.name === ''
              ? t.total
              : `${'  '.repeat(row.depth)}${row.folder ? '▾ ' : ''}${row.label}`;
          const flag = row.problem ? ` ⚠ ${t.problemsFlag}` : '';
          const label = truncate(neutralize(name), nameWidth - stringWidth(flag) - 2);
          return (
            <Text
              key={row.name || '(total)'}
              inverse={isSelected && !theme.color}
              bold={row.folder}
            >
              <Text color={isSelected ? ink(theme.accent) : undefined}>
                {isSelected ? '▸ ' : '  '}
              </Text>
              <Text color={isSelected ? ink(theme.accent) : undefined}>{label}</Text>
              <Text color={ink(theme.warning)}>{flag}</Text>
              {' '.repeat(Math.max(0, nameWidth - 2 - stringWidth(label) - stringWidth(flag)))}
              {cell(row.counts.new, theme.count.new)}
              {cell(row.counts.learning, theme.count.learning)}
              {cell(row.counts.review, theme.count.review)}
            </Text>
          );
        })
      )}
      {problems.length > 0 ? (
        <Text color={ink(theme.warning)} wrap="truncate-end">
          ⚠ {t.problems(problems.length, problems.map(neutralize).join(', '))}
        </Text>
      ) : null}
      <Text color={ink(theme.success)} wrap="truncate-end">
        {props.status ? neutralize(props.status) : ' '}
      </Text>
      <Text color={ink(theme.muted)} wrap="truncate-end">
        {hintLine(
          'home',
          [
            'open',
            'reviewAll',
            'search',
            ...(props.onStats ? (['stats'] as const) : []),
            'help',
            'quit',
          ],
          t.short,
        )}
      </Text>
    </Box>
  );
}

function pad(text: string, width: number, right = false): string {
  const gap = ' '.repeat(Math.max(0, width - stringWidth(text)));
  return right ? gap + text : text + gap;
}

/** Cuts text to a display width, ending in … when cut (CJK counts 2 columns). */
export function truncate(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (stringWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}
