import { Box, Text } from 'ink';
import type { TypedAnswer } from '../../session/review.js';
import { fieldParts } from '../../session/textField.js';
import { neutralize } from '../../text/sanitize.js';
import type { Messages } from '../i18n.js';
import type { Line } from '../markdown/render.js';
import { ink, type Theme } from '../theme.js';
import { Lines } from './Lines.js';
import { scrolled } from './scroll.js';

/**
 * A card in its box, as the review, cram and the mock exam show it: its lines
 * scrolled to `scroll` within `height` rows, and on a typed-answer card the
 * answer field below them.
 */
export function CardView({
  lines,
  height,
  scroll,
  cloze,
  answer,
  messages: t,
  theme,
}: {
  lines: readonly Line[];
  height: number;
  scroll: number;
  cloze: boolean;
  /** The field of a typed-answer card still being answered; null otherwise. */
  answer: TypedAnswer | null;
  messages: Messages;
  theme: Theme;
}) {
  const { rows } = scrolled<Line>(lines, height, scroll, (left) => [
    { text: t.more(left), style: 'muted' },
  ]);
  return (
    <Box borderStyle="round" borderColor={ink(theme.border)} flexDirection="column" paddingX={1}>
      <Lines lines={rows} theme={theme} cloze={cloze} />
      {answer ? <AnswerField answer={answer} theme={theme} /> : null}
    </Box>
  );
}

/** The typed-answer line, with a block cursor where the next key goes while the field has the keys. */
function AnswerField({ answer, theme }: { answer: TypedAnswer; theme: Theme }) {
  const { before, at, after } = fieldParts(answer.field);
  return (
    <Text>
      <Text color={ink(answer.focused ? theme.accent : theme.muted)}>› </Text>
      {neutralize(before)}
      {answer.focused ? <Text inverse>{neutralize(at)}</Text> : neutralize(at)}
      {neutralize(after)}
    </Text>
  );
}
