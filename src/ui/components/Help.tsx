import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import type { Messages } from '../i18n.js';
import { KEY_BINDINGS, type Screen } from '../keys.js';
import { ink, type Theme } from '../theme.js';

/** Every key of the given screens, straight from the key table. */
export function Help({
  screens,
  messages: t,
  theme,
}: {
  screens: readonly Screen[];
  messages: Messages;
  theme: Theme;
}) {
  const rows = screens.flatMap((screen) =>
    KEY_BINDINGS[screen].map((b) => ({ screen, keys: b.keys, what: t.commands[b.command] })),
  );
  const keyWidth = Math.max(...rows.map((r) => stringWidth(r.keys)));
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={ink(theme.border)} paddingX={1}>
      {/* Kept to one line: the review screen's keys must fit 80×24 with the typing keys. */}
      <Text>
        <Text bold color={ink(theme.accent)}>
          {t.helpTitle}
        </Text>
        <Text color={ink(theme.muted)}> · {t.helpClose}</Text>
      </Text>
      {screens.map((screen) => (
        <Box key={screen} flexDirection="column">
          <Text bold>{t.screens[screen]}</Text>
          {rows
            .filter((r) => r.screen === screen)
            .map((r) => (
              <Text key={`${screen}-${r.keys}`}>
                {'  '}
                <Text color={ink(theme.accent)}>{r.keys}</Text>
                {' '.repeat(keyWidth - stringWidth(r.keys) + 2)}
                {r.what}
              </Text>
            ))}
        </Box>
      ))}
    </Box>
  );
}
