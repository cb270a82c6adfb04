import { Box, Text, useInput, useStdin } from 'ink';
import { useMemo, useState } from 'react';
import { StaleAnswerError, type Study } from '../app/study.js';
import type { Card } from '../deck/types.js';
import { type Grade, type Memory, Rating } from '../schedule/fsrs.js';
import { nextCard, queueCounts } from '../schedule/queue.js';
import { neutralize } from '../text/sanitize.js';
import type { Messages } from './i18n.js';
import { type Command, commandFor, keyLabel } from './keys.js';
import { ink, type Theme } from './theme.js';

export interface SessionSummary {
  readonly reviewed: number;
  readonly again: number;
  readonly ms: number;
}

export interface ReviewProps {
  readonly study: Study;
  /** Deck files that failed to parse (their good cards still load). */
  readonly problems?: readonly string[];
  readonly deck?: string;
  readonly messages: Messages;
  readonly theme: Theme;
  /** The clock, injected so tests can pin time. */
  readonly now: () => Date;
  readonly onQuit: (summary: SessionSummary) => void;
}

const RATINGS: readonly {
  command: Command;
  rating: Grade;
  name: 'again' | 'hard' | 'good' | 'easy';
}[] = [
  { command: 'again', rating: Rating.Again, name: 'again' },
  { command: 'hard', rating: Rating.Hard, name: 'hard' },
  { command: 'good', rating: Rating.Good, name: 'good' },
  { command: 'easy', rating: Rating.Easy, name: 'easy' },
];

interface Showing {
  readonly card: Card;
  /** The memory the question was shown with: an answer is refused if it changed. */
  readonly seen: Memory | null;
  readonly shownAt: number;
}

export function Review({
  study,
  problems = [],
  deck,
  messages: t,
  theme,
  now,
  onQuit,
}: ReviewProps) {
  const { isRawModeSupported } = useStdin();
  const [startedAt] = useState(() => now().getTime());
  const pick = (): Showing | null => {
    const card = nextCard(study.queue(now(), deck));
    return card ? { card, seen: study.memory(card), shownAt: now().getTime() } : null;
  };
  const [showing, setShowing] = useState<Showing | null>(pick);
  const [revealed, setRevealed] = useState(false);
  const [stats, setStats] = useState({ reviewed: 0, again: 0 });
  // Ratings of this session's answers, so an undo can take one back out of the summary.
  const [answered, setAnswered] = useState<Grade[]>([]);
  const [status, setStatus] = useState<{ text: string; tone: 'success' | 'error' } | null>(null);

  // Cheap next to a render, and always current after an answer or an undo.
  const counts = queueCounts(study.queue(now(), deck));
  const outcomes = useMemo(
    () => (showing && revealed ? study.preview(showing.card, now()) : []),
    [study, showing, revealed, now],
  );

  const quit = () => onQuit({ ...stats, ms: now().getTime() - startedAt });

  const rate = (rating: Grade, name: string) => {
    if (!showing) return;
    const at = now();
    try {
      const outcome = outcomes.find((o) => o.rating === rating);
      const result = study.answer(
        showing.card,
        showing.seen,
        rating,
        at.getTime() - showing.shownAt,
        at,
      );
      setStats((s) => ({
        reviewed: s.reviewed + 1,
        again: s.again + (rating === Rating.Again ? 1 : 0),
      }));
      setAnswered((a) => [...a, rating]);
      setStatus(
        result.leech
          ? { text: t.leech(result.memory.lapses), tone: 'error' }
          : { text: t.saved(name, outcome?.label ?? ''), tone: 'success' },
      );
    } catch (err) {
      if (!(err instanceof StaleAnswerError)) throw err;
      setStatus({ text: t.refused, tone: 'error' });
    }
    setRevealed(false);
    setShowing(pick());
  };

  const undo = () => {
    const at = now();
    const undone = study.undo(at);
    if (!undone) {
      setStatus({ text: t.nothingToUndo, tone: 'error' });
      return;
    }
    if (undone.action === 'answer') {
      const rating = answered[answered.length - 1];
      setAnswered((a) => a.slice(0, -1));
      setStats((s) => ({
        reviewed: Math.max(0, s.reviewed - 1),
        again: Math.max(0, s.again - (rating === Rating.Again ? 1 : 0)),
      }));
    }
    // Show the card the undo restored, question first, as Anki does.
    setRevealed(false);
    setShowing({ card: undone.card, seen: study.memory(undone.card), shownAt: at.getTime() });
    setStatus({ text: t.undone(t.actions[undone.action]), tone: 'success' });
  };

  const setAside = (action: 'bury' | 'suspend') => {
    if (!showing) return;
    const at = now();
    if (action === 'bury') study.bury(showing.card, at);
    else study.suspend(showing.card, true, at);
    setStatus({ text: action === 'bury' ? t.buried : t.suspended, tone: 'success' });
    setRevealed(false);
    setShowing(pick());
  };

  useInput(
    (input, key) => {
      const command = commandFor({ input, return: key.return, escape: key.escape, ctrl: key.ctrl });
      if (command === 'quit') return quit();
      if (command === 'undo') return undo();
      if (!showing) return;
      if (command === 'bury' || command === 'suspend') return setAside(command);
      if (!revealed) {
        if (command === 'reveal') setRevealed(true);
        return;
      }
      const choice = command === 'reveal' ? RATINGS[2] : RATINGS.find((r) => r.command === command);
      if (choice) rate(choice.rating, t[choice.name]);
    },
    { isActive: isRawModeSupported },
  );

  const header = (
    <Box justifyContent="space-between">
      <Text color={ink(theme.accent)} bold wrap="truncate-end">
        {showing ? neutralize([showing.card.deck, ...showing.card.headings].join(' › ')) : 'kioku'}
      </Text>
      <Text>
        {' '}
        <Text color={ink(theme.count.new)}>
          {t.new} {counts.new}
        </Text>
        {' · '}
        <Text color={ink(theme.count.learning)}>
          {t.learning} {counts.learning}
        </Text>
        {' · '}
        <Text color={ink(theme.count.review)}>
          {t.due} {counts.review}
        </Text>
      </Text>
    </Box>
  );

  const problemLine =
    problems.length > 0 ? (
      <Text color={ink(theme.warning)} wrap="truncate-end">
        ⚠ {t.problems(problems.length, problems.map(neutralize).join(', '))}
      </Text>
    ) : null;

  const statusLine = status ? (
    <Text color={ink(status.tone === 'success' ? theme.success : theme.error)}>{status.text}</Text>
  ) : null;

  if (!showing) {
    const later = study.queue(now(), deck).laterToday;
    return (
      <Box flexDirection="column">
        {header}
        {problemLine}
        <Box marginY={1} flexDirection="column">
          <Text bold>{t.doneTitle}</Text>
          {later > 0 ? <Text>{t.laterToday(later)}</Text> : null}
        </Box>
        {statusLine}
        <Text color={ink(theme.muted)}>{t.doneHint}</Text>
      </Box>
    );
  }

  return (
    <Box flexDirection="column">
      {header}
      {problemLine}
      <Box borderStyle="round" borderColor={ink(theme.border)} flexDirection="column" paddingX={1}>
        <Text wrap="wrap">{neutralize(showing.card.front)}</Text>
        {revealed ? (
          <Box marginTop={1} flexDirection="column">
            <Text color={ink(theme.muted)}>{'─'.repeat(20)}</Text>
            <Text wrap="wrap">{neutralize(showing.card.back)}</Text>
          </Box>
        ) : null}
      </Box>
      {revealed ? (
        <Box gap={2}>
          {RATINGS.map((r) => {
            const outcome = outcomes.find((o) => o.rating === r.rating);
            return (
              <Text key={r.name} color={ink(theme.rating[r.name])}>
                [{keyLabel(r.command)} {t[r.name]} {outcome?.label ?? ''}]
              </Text>
            );
          })}
        </Box>
      ) : null}
      {statusLine}
      <Text color={ink(theme.muted)}>{revealed ? t.rateHint : t.revealHint}</Text>
    </Box>
  );
}

export function formatSummary(summary: SessionSummary, t: Messages): string {
  const seconds = Math.round(summary.ms / 1000);
  const time = t.duration(Math.floor(seconds / 60), seconds % 60);
  return t.summary(summary.reviewed, time, summary.reviewed ? summary.again / summary.reviewed : 0);
}
