import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { Stats } from '../../stats/stats.js';
import { Lines } from '../components/Lines.js';
import { scrolled } from '../components/scroll.js';
import type { Size } from '../hooks.js';
import type { Messages } from '../i18n.js';
import { hintLine } from '../keys.js';
import { statsReport } from '../statsReport.js';
import { ink, type Theme } from '../theme.js';

export interface StatsScreenProps {
  readonly stats: Stats | null;
  readonly top: number;
  readonly size: Size;
  readonly messages: Messages;
  readonly theme: Theme;
}

/** The report's last first row and its page, for the reducer's scrolling. */
export function statsLayout(stats: Stats, size: Size, t: Messages): { last: number; page: number } {
  const lines = statsReport(stats, size.columns - 1, t);
  const page = Math.max(3, size.rows - 2);
  return { last: Math.max(0, lines.length - page), page };
}

/** The statistics report, scrolled with the arrow keys. */
export function StatsScreen({ stats, top, size, messages: t, theme }: StatsScreenProps) {
  const lines = useMemo(
    () => (stats ? statsReport(stats, size.columns - 1, t) : []),
    [stats, size.columns, t],
  );
  const height = Math.max(3, size.rows - 2);
  const { rows, top: first } = scrolled(lines, height, top, null);
  return (
    <Box flexDirection="column">
      <Text bold color={ink(theme.accent)}>
        kioku 記憶 · {t.stats.title}
        <Text color={ink(theme.muted)}>
          {'  '}
          {first + 1}–{Math.min(lines.length, first + height)}/{lines.length}
        </Text>
      </Text>
      <Lines lines={rows} theme={theme} />
      <Text color={ink(theme.muted)} wrap="truncate-end">
        {hintLine('stats', ['up', 'down', 'pageDown', 'help', 'back'], t.short)}
      </Text>
    </Box>
  );
}
