import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import type { Size } from '../hooks.js';
import type { Messages } from '../i18n.js';
import { KEY_BINDINGS, type Screen } from '../keys.js';
import { ink, type Theme } from '../theme.js';
import { scrolled } from './scroll.js';

/** Border and title: the rows the help spends around its list. */
const CHROME = 3;

type HelpLine =
  | { readonly kind: 'screen'; readonly screen: Screen }
  | { readonly kind: 'key'; readonly screen: Screen; readonly keys: string; readonly what: string };

function helpLines(screens: readonly Screen[], t: Messages): HelpLine[] {
  return screens.flatMap((screen) => [
    { kind: 'screen', screen } as const,
    ...KEY_BINDINGS[screen].map(
      (b) => ({ kind: 'key', screen, keys: b.keys, what: t.commands[b.command] }) as const,
    ),
  ]);
}

/** The help's last first row and its page, for the reducer's scrolling. */
export function helpLayout(
  screens: readonly Screen[],
  size: Size,
  t: Messages,
): { last: number; page: number } {
  const page = Math.max(2, size.rows - CHROME);
  return { last: Math.max(0, helpLines(screens, t).length - page), page };
}

/**
 * Every key of the given screens, straight from the key table. Taller than the
 * terminal, it scrolls with the movement keys; any other key closes it.
 */
export function Help({
  screens,
  scroll,
  size,
  messages: t,
  theme,
}: {
  screens: readonly Screen[];
  scroll: number;
  size: Size;
  messages: Messages;
  theme: Theme;
}) {
  const lines = helpLines(screens, t);
  const keyWidth = Math.max(...lines.map((l) => (l.kind === 'key' ? stringWidth(l.keys) : 0)));
  const { page: room } = helpLayout(screens, size, t);
  const { rows: shown, last, below } = scrolled<HelpLine | null>(lines, room, scroll, () => null);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={ink(theme.border)} paddingX={1}>
      <Text wrap="truncate-end">
        <Text bold color={ink(theme.accent)}>
          {t.helpTitle}
        </Text>
        <Text color={ink(theme.muted)}> · {last > 0 ? t.helpScroll : t.helpClose}</Text>
      </Text>
      {shown.map((line) =>
        line === null ? null : line.kind === 'screen' ? (
          <Text key={line.screen} bold wrap="truncate-end">
            {t.screens[line.screen]}
          </Text>
        ) : (
          <Text key={`${line.screen}-${line.keys}`} wrap="truncate-end">
            {'  '}
            <Text color={ink(theme.accent)}>{line.keys}</Text>
            {' '.repeat(keyWidth - stringWidth(line.keys) + 2)}
            {line.what}
          </Text>
        ),
      )}
      {below > 0 ? <Text color={ink(theme.muted)}>{t.more(below)}</Text> : null}
    </Box>
  );
}
