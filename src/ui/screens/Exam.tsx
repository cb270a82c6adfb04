import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import { EXAM_WEIGHTS, type ExamScore, PASS_MARK } from '../../model/exam.js';
import { isTyping, type ReviewState } from '../../session/review.js';
import { neutralize } from '../../text/sanitize.js';
import { CardView } from '../components/CardView.js';
import type { Size } from '../hooks.js';
import type { Messages } from '../i18n.js';
import { hintLine } from '../keys.js';
import { ink, type Theme } from '../theme.js';
import { cardLines } from './Review.js';

export interface ExamProps {
  readonly session: ReviewState;
  readonly messages: Messages;
  readonly theme: Theme;
  readonly now: () => Date;
  readonly size: Size;
}

/** Rows for the card: the screen less the title, the breadcrumb, the box's borders and the hint. */
const CHROME = 7;

/** How far the exam's card scrolls, and its page. */
export function examLayout(session: ReviewState, size: Size, t: Messages, theme: Theme) {
  const { showing, revealed } = session;
  const width = Math.max(10, size.columns - 4);
  const height = Math.max(3, size.rows - CHROME);
  const lines = showing
    ? cardLines(showing.card, revealed, session.answer.result, width, t, theme)
    : [];
  return { lines, height, maxScroll: Math.max(0, lines.length - height) };
}

/**
 * A timed mock exam: typed cards are graded by the typed-answer comparison,
 * the others by the user (y/n after the reveal). Answers change no schedule.
 * The result is saved once, when the exam ends.
 */
export function Exam(props: ExamProps) {
  const { session, messages: t, theme, now, size } = props;
  const source = session.source;
  if (source.kind !== 'exam') return null;
  if (source.score)
    return (
      <Results
        score={source.score}
        timedOut={source.timedOut}
        ms={Math.min(now().getTime(), source.deadline) - session.startedAt}
        t={t}
        theme={theme}
      />
    );
  const current = source.cards[source.index];
  const { showing, revealed } = session;
  if (!current || !showing) {
    return (
      <Box flexDirection="column">
        <Text>{t.exam.empty}</Text>
      </Box>
    );
  }
  const typing = isTyping(session);
  const typedCard = showing.card.kind === 'typed' && !revealed;
  const typedResult = session.answer.result;
  const { lines, height } = examLayout(session, size, t, theme);
  const left = Math.max(0, source.deadline - now().getTime());
  const crumbs = [showing.card.deck, ...showing.card.headings].join(' › ');
  return (
    <Box flexDirection="column">
      <Box>
        <Box flexGrow={1} minWidth={0}>
          <Text bold color={ink(theme.accent)} wrap="truncate-end">
            {t.exam.title} · {t.exam.progress(source.index + 1, source.cards.length)} ·{' '}
            {t.exam.domains[current.domain] ?? current.domain}
          </Text>
        </Box>
        <Text color={ink(left < 5 * 60_000 ? theme.error : theme.muted)}>
          {t.exam.timeLeft(clock(left))}
        </Text>
      </Box>
      <Text color={ink(theme.muted)} wrap="truncate-middle">
        {neutralize(crumbs)}
      </Text>
      <CardView
        lines={lines}
        height={height}
        scroll={session.scroll}
        cloze={showing.card.kind === 'cloze'}
        answer={typedCard ? session.answer : null}
        messages={t}
        theme={theme}
      />
      <Text color={ink(theme.muted)} wrap="truncate-end">
        {typing
          ? t.typePrompt
          : typedCard
            ? `${t.fieldLeft} ${hintLine('exam', ['focusField', 'help', 'finish'], t.short)}`
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
          <Text color={ink(d.rate >= PASS_MARK ? theme.success : theme.error)} bold>
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
