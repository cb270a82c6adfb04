import { Box, Text } from 'ink';
import { useEffect, useMemo, useReducer, useState } from 'react';
import stringWidth from 'string-width';
import { EXAM_WEIGHTS, type ExamCard, type ExamScore, scoreExam } from '../../session/exam.js';
import type { Study } from '../../session/study.js';
import { neutralize } from '../../text/sanitize.js';
import { Help } from '../components/Help.js';
import { Lines } from '../components/Lines.js';
import { useKeys, useTerminalSize } from '../hooks.js';
import type { Messages } from '../i18n.js';
import { commandFor, hintLine, keyEvent, moveSelection } from '../keys.js';
import { ink, type Theme } from '../theme.js';
import { cardLines, scrollWindow } from './Review.js';
import { NO_ANSWER, typedAnswerReducer, typingActions } from './typedAnswer.js';

export interface ExamProps {
  readonly study: Study;
  readonly exam: readonly ExamCard[];
  readonly minutes: number;
  readonly messages: Messages;
  readonly theme: Theme;
  readonly now: () => Date;
  readonly onExit: (score: ExamScore | null) => void;
}

/**
 * A timed mock exam: typed cards are graded by the typed-answer comparison,
 * the others by the user (y/n after the reveal). Answers change no schedule.
 * The result is saved once, when the exam ends.
 */
export function Exam(props: ExamProps) {
  const { study, exam, messages: t, theme, now } = props;
  const size = useTerminalSize();
  const [startedAt] = useState(() => now().getTime());
  const [index, setIndex] = useState(0);
  /** A self-graded card's answer is shown; a typed card's shows once it is checked. */
  const [shown, setShown] = useState(false);
  const [answer, dispatchAnswer] = useReducer(typedAnswerReducer, NO_ANSWER);
  const { typed, result: typedResult } = answer;
  const revealed = shown || typedResult !== null;
  const [results, setResults] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [score, setScore] = useState<ExamScore | null>(null);
  const [timedOut, setTimedOut] = useState(false);
  const [help, setHelp] = useState(false);
  const [scroll, setScroll] = useState(0);
  const [, setTick] = useState(0);

  const deadline = startedAt + props.minutes * 60_000;
  const current = exam[index];
  const typing = current?.card.kind === 'typed' && !revealed;

  const finish = (final: ReadonlyMap<string, boolean>, byTime = false) => {
    if (score) return;
    const at = now();
    const result = scoreExam(exam, final);
    study.recordExam(result, at.getTime() - startedAt, at);
    setTimedOut(byTime);
    setScore(result);
  };

  // The clock: once a second, and the exam ends by itself when time is up.
  useEffect(() => {
    if (score) return;
    const timer = setInterval(() => {
      if (now().getTime() >= deadline) finish(results, true);
      else setTick((n) => n + 1);
    }, 1000);
    return () => clearInterval(timer);
  });

  const record = (ok: boolean) => {
    if (!current) return;
    const next = new Map(results).set(current.card.id, ok);
    setResults(next);
    setShown(false);
    setScroll(0);
    dispatchAnswer({ type: 'reset' });
    if (index + 1 >= exam.length) finish(next);
    else setIndex(index + 1);
  };

  useKeys(onKey, { text: typing });

  function onKey(input: string, key: Parameters<typeof keyEvent>[1]) {
    // The help handles its own keys (it scrolls), and closes itself.
    if (help) return;
    const event = keyEvent(input, key);
    if (score) {
      if (commandFor('examDone', event) === 'back') props.onExit(score);
      return;
    }
    if (typing) {
      const command = commandFor('typing', event);
      if (command === 'back') return finish(results);
      for (const action of typingActions(command, input, key, current.card.expected ?? '')) {
        dispatchAnswer(action);
      }
      return;
    }
    const command = commandFor('exam', event);
    if (command === 'finish') return finish(results);
    if (command === 'help') return setHelp(true);
    const moved = moveSelection(command, scroll, Math.max(0, lines.length - height), height - 1);
    if (moved !== null) return setScroll(moved);
    if (!revealed) {
      if (command === 'reveal') {
        setShown(true);
        setScroll(0);
      }
      return;
    }
    // A typed card is already graded; any confirming key moves on.
    if (typedResult) {
      if (command === 'reveal' || command === 'right' || command === 'wrong') {
        record(typedResult.correct);
      }
      return;
    }
    if (command === 'right') record(true);
    if (command === 'wrong') record(false);
  }

  const width = Math.max(10, size.columns - 4);
  /** Rows for the card: the screen less the title, the box's borders and the hint. */
  const height = Math.max(3, size.rows - 6);
  const lines = useMemo(
    () => (current ? cardLines(current.card, revealed, typedResult, width, t, theme) : []),
    [current, revealed, typedResult, width, t, theme],
  );

  if (help)
    return (
      <Help
        screens={['exam', 'typing']}
        messages={t}
        theme={theme}
        onClose={() => setHelp(false)}
      />
    );
  if (score)
    return (
      <Results
        score={score}
        timedOut={timedOut}
        ms={now().getTime() - startedAt}
        t={t}
        theme={theme}
      />
    );
  if (!current) {
    return (
      <Box flexDirection="column">
        <Text>{t.exam.empty}</Text>
      </Box>
    );
  }

  const left = Math.max(0, deadline - now().getTime());
  return (
    <Box flexDirection="column">
      <Box>
        <Box flexGrow={1} minWidth={0}>
          <Text bold color={ink(theme.accent)} wrap="truncate-end">
            {t.exam.title} · {t.exam.progress(index + 1, exam.length)} ·{' '}
            {t.exam.domains[current.domain] ?? current.domain}
          </Text>
        </Box>
        <Text color={ink(left < 5 * 60_000 ? theme.error : theme.muted)}>
          {t.exam.timeLeft(clock(left))}
        </Text>
      </Box>
      <Box borderStyle="round" borderColor={ink(theme.border)} flexDirection="column" paddingX={1}>
        <Lines
          lines={scrollWindow(lines, height, scroll, t)}
          theme={theme}
          cloze={current.card.kind === 'cloze'}
        />
        {typing ? (
          <Text>
            <Text color={ink(theme.accent)}>› </Text>
            {neutralize(typed)}
            <Text inverse> </Text>
          </Text>
        ) : null}
      </Box>
      <Text color={ink(theme.muted)} wrap="truncate-end">
        {typing
          ? t.typePrompt
          : !revealed
            ? hintLine('exam', ['reveal', 'help', 'finish'], t.short)
            : typedResult
              ? t.exam.next
              : t.exam.selfGrade}
      </Text>
    </Box>
  );
}

function Results({
  score,
  timedOut,
  ms,
  t,
  theme,
}: {
  score: ExamScore;
  timedOut: boolean;
  ms: number;
  t: Messages;
  theme: Theme;
}) {
  const e = t.exam;
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  const names = score.domains.map((d) => e.domains[d.domain] ?? d.domain);
  const nameWidth = Math.max(stringWidth(e.domain), ...names.map((n) => stringWidth(n))) + 2;
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - stringWidth(s)));
  const padStart = (s: string, w: number) => ' '.repeat(Math.max(0, w - stringWidth(s))) + s;
  return (
    <Box flexDirection="column">
      {timedOut ? <Text color={ink(theme.warning)}>{e.timeUp}</Text> : null}
      <Text bold color={ink(score.passed ? theme.success : theme.error)}>
        {e.result(Math.round(score.score * 100), score.passed)}
      </Text>
      <Text>{e.summary(score.correct, score.total, score.answered, clock(ms))}</Text>
      <Text> </Text>
      <Text color={ink(theme.muted)}>
        {pad(e.domain, nameWidth)}
        {padStart(e.weight, 7)}
        {padStart(e.score, 12)}
      </Text>
      {score.domains.map((d, i) => (
        <Text key={d.domain}>
          {pad(names[i]!, nameWidth)}
          {pct(EXAM_WEIGHTS[d.domain] ?? 0).padStart(7)}
          {`${d.correct}/${d.total}`.padStart(7)}
          <Text color={ink(d.rate >= 0.66 ? theme.success : theme.error)} bold>
            {pct(d.rate).padStart(5)}
          </Text>
        </Text>
      ))}
      <Text> </Text>
      <Text>
        {score.weakest.length > 0
          ? e.weakest(score.weakest.map((d) => e.domains[d] ?? d).join(', '))
          : e.allPassed}
      </Text>
      {score.weakSections.length > 0 ? (
        <>
          <Text color={ink(theme.muted)}>{e.reviewNext}</Text>
          {score.weakSections.map((s) => (
            <Text key={s.section} wrap="truncate-end">
              {'  '}
              {neutralize(s.section)} ({s.missed})
            </Text>
          ))}
        </>
      ) : null}
      <Text color={ink(theme.muted)}>{e.saved}</Text>
      <Text color={ink(theme.muted)}>{hintLine('examDone', ['back'], t.short)}</Text>
    </Box>
  );
}

function clock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}
