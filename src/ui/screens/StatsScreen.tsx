import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import type { Stats } from '../../stats/stats.js';
import { Help } from '../components/Help.js';
import { Lines } from '../components/Lines.js';
import { useKeys, useTerminalSize } from '../hooks.js';
import type { Messages } from '../i18n.js';
import { commandFor, hintLine, keyEvent } from '../keys.js';
import { statsReport } from '../statsReport.js';
import { ink, type Theme } from '../theme.js';

export interface StatsScreenProps {
  readonly stats: Stats;
  readonly messages: Messages;
  readonly theme: Theme;
  readonly onBack: () => void;
}

/** The statistics report, scrolled with the arrow keys. */
export function StatsScreen({ stats, messages: t, theme, onBack }: StatsScreenProps) {
  const size = useTerminalSize();
  const [top, setTop] = useState(0);
  const [help, setHelp] = useState(false);
  const lines = useMemo(() => statsReport(stats, size.columns - 1, t), [stats, size.columns, t]);
  const height = Math.max(3, size.rows - 2);
  const max = Math.max(0, lines.length - height);
  const scroll = (delta: number) => setTop((v) => Math.max(0, Math.min(max, v + delta)));

  useKeys(onKey);

  function onKey(input: string, key: Parameters<typeof keyEvent>[1]) {
    // The help handles its own keys (it scrolls), and closes itself.
    if (help) return;
    switch (commandFor('stats', keyEvent(input, key))) {
      case 'up':
        return scroll(-1);
      case 'down':
        return scroll(1);
      case 'pageUp':
        return scroll(-(height - 1));
      case 'pageDown':
        return scroll(height - 1);
      case 'top':
        return setTop(0);
      case 'bottom':
        return setTop(max);
      case 'help':
        return setHelp(true);
      case 'back':
        return onBack();
      default:
    }
  }

  if (help)
    return <Help screens={['stats']} messages={t} theme={theme} onClose={() => setHelp(false)} />;
  return (
    <Box flexDirection="column">
      <Text bold color={ink(theme.accent)}>
        kioku 記憶 · {t.stats.title}
        <Text color={ink(theme.muted)}>
          {'  '}
          {top + 1}–{Math.min(lines.length, top + height)}/{lines.length}
        </Text>
      </Text>
      <Lines lines={lines.slice(top, top + height)} theme={theme} />
      <Text color={ink(theme.muted)} wrap="truncate-end">
        {hintLine('stats', ['up', 'down', 'pageDown', 'help', 'back'], t.short)}
      </Text>
    </Box>
  );
}
