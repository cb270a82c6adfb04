import { Box, Text } from 'ink';
import { useMemo, useReducer, useState } from 'react';
import stringWidth from 'string-width';
import type { Card } from '../../deck/types.js';
import { type Grade, Rating } from '../../schedule/fsrs.js';
import { nextCard, queueCounts } from '../../schedule/queue.js';
import { StaleAnswerError, type Study } from '../../session/study.js';
import { neutralize } from '../../text/sanitize.js';
import type { DiffPart, TypedResult } from '../../text/typed.js';
import { Help } from '../components/Help.js';
import { Lines } from '../components/Lines.js';
import { useKeys, useTerminalSize } from '../hooks.js';
import type { Messages } from '../i18n.js';
import { type Command, commandFor, hintLine, keyEvent, keysFor } from '../keys.js';
import { type Line, renderMarkdown, type Segment } from '../markdown/render.js';
import { ink, type Theme } from '../theme.js';
import {
  initialReviewState,
  type ReviewState,
  reviewReducer,
  type Showing,
  sessionCounts,
  suggestedRating,
} from './reviewState.js';
import { typingActions } from './typedAnswer.js';

export interface SessionSummary {
  readonly reviewed: number;
  readonly again: number;
  readonly ms: number;
}

export interface ReviewProps {
  readonly study: Study;
  /** Review only this deck or folder. */
  readonly deck?: string;
  readonly messages: Messages;
  readonly theme: Theme;
  /** The clock, injected so tests can pin time. */
  readonly now: () => Date;
  /** Deck files that failed to parse (their good cards still load). */
  readonly problems?: readonly string[];
  /**
   * Cram: review exactly these cards, in this order, whatever their schedule.
   * Answers are logged as cram and change no card's memory; Again sends the
   * card to the back of the line.
   */
  readonly cram?: readonly Card[];
  /** State to resume with (after editing a card in $EDITOR). */
  readonly resume?: { readonly state: ReviewState; readonly startedAt: number };
  readonly onExit: (summary: SessionSummary) => void;
  readonly onEdit?: (card: Card, resume: { state: ReviewState; startedAt: number }) => void;
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

/** Lines the screen spends around the card: header, progress, box borders, buttons, status, hint. */
const CHROME = 7;

export function Review(props: ReviewProps) {
  const { study, deck, messages: t, theme, now, problems = [] } = props;
  const size = useTerminalSize();
  const [startedAt] = useState(() => props.resume?.startedAt ?? now().getTime());
  const [help, setHelp] = useState(false);

  const [cramLeft, setCramLeft] = useState<readonly Card[]>(() => props.cram ?? []);
  const show = (card: Card | null | undefined): Showing | null =>
    card ? { card, seen: study.memory(card), shownAt: now().getTime() } : null;
  const pick = (left: readonly Card[] = cramLeft): Showing | null =>
    show(props.cram ? left[0] : nextCard(study.queue(now(), deck)));
  const [state, dispatch] = useReducer(reviewReducer, undefined, () =>
    props.resume
      ? { ...props.resume.state, showing: props.resume.state.showing ?? pick() }
      : initialReviewState(pick()),
  );
  const { showing, revealed } = state;
  const typing = showing?.card.kind === 'typed' && !revealed;

  const queue = study.queue(now(), deck);
  const counts = queueCounts(queue);
  const cramming = props.cram !== undefined;
  const outcomes = useMemo(
    () => (showing && revealed && !cramming ? study.preview(showing.card, now()) : []),
    [study, showing, revealed, now, cramming],
  );

  const width = Math.max(10, size.columns - 4);
  const content = useMemo(
    () => (showing ? cardLines(showing.card, revealed, state.answer.result, width, t, theme) : []),
    [showing, revealed, state.answer.result, width, t, theme],
  );
  const suggested = revealed ? suggestedRating(state) : null;
  const buttons = RATINGS.map((r) => {
    const outcome = outcomes.find((o) => o.rating === r.rating);
    const mark = r.rating === suggested && state.answer.result ? '*' : '';
    const text = `[${keysFor('review', r.command)} ${t[r.name]}${outcome ? ` ${outcome.label}` : ''}]${mark}`;
    return { ...r, text, mark };
  });
  // Four buttons on one line when they fit, else two rows of two: never wrapped mid-label.
  const buttonRows =
    buttons.reduce((w, b) => w + stringWidth(b.text), 0) + 2 * (buttons.length - 1) <= size.columns
      ? [buttons]
      : [buttons.slice(0, 2), buttons.slice(2)];
  const height = Math.max(
    3,
    size.rows -
      CHROME -
      (problems.length > 0 ? 1 : 0) -
      (typing ? 1 : 0) -
      (revealed ? buttonRows.length - 1 : 0),
  );
  const maxScroll = Math.max(0, content.length - height);
  const visible = scrollWindow(content, height, state.scroll, t);

  const summary = () => ({ ...sessionCounts(state), ms: now().getTime() - startedAt });

  const rate = (rating: Grade) => {
    if (!showing) return;
    const at = now();
    const name = t[RATINGS.find((r) => r.rating === rating)!.name];
    if (cramming) {
      study.cram(showing.card, rating, at.getTime() - showing.shownAt, at);
      // Forgotten cards come back at the end of the cram line.
      const left = [...cramLeft.slice(1), ...(rating === Rating.Again ? [showing.card] : [])];
      setCramLeft(left);
      dispatch({
        type: 'answered',
        rating,
        next: pick(left),
        status: { text: t.savedCram(name), tone: 'success' },
      });
      return;
    }
    try {
      const outcome = outcomes.find((o) => o.rating === rating);
      const result = study.answer(
        showing.card,
        showing.seen,
        rating,
        at.getTime() - showing.shownAt,
        at,
      );
      dispatch({
        type: 'answered',
        rating,
        next: pick(),
        status: result.leech
          ? { text: t.leech(result.memory.lapses), tone: 'error' }
          : { text: t.saved(name, outcome?.label ?? ''), tone: 'success' },
      });
    } catch (err) {
      if (!(err instanceof StaleAnswerError)) throw err;
      dispatch({ type: 'show', showing: pick(), status: { text: t.refused, tone: 'error' } });
    }
  };

  const undo = () => {
    const at = now();
    const undone = study.undo(at);
    if (!undone)
      return dispatch({ type: 'status', status: { text: t.nothingToUndo, tone: 'error' } });
    if (cramming) {
      // The undone card goes back to the front of the cram line (and leaves its requeued place).
      setCramLeft((left) => [undone.card, ...left.filter((c) => c.id !== undone.card.id)]);
    }
    dispatch({
      type: 'undone',
      answer: undone.action === 'answer',
      // The card the undo restored comes back, question first, as in Anki.
      showing: { card: undone.card, seen: study.memory(undone.card), shownAt: at.getTime() },
      status: { text: t.undone(t.actions[undone.action]), tone: 'success' },
    });
  };

  const setAside = (action: 'bury' | 'suspend') => {
    if (!showing) return;
    const at = now();
    if (action === 'bury') study.bury(showing.card, at);
    else study.suspend(showing.card, true, at);
    const left = cramLeft.filter((c) => c.id !== showing.card.id);
    setCramLeft(left);
    dispatch({
      type: 'show',
      showing: pick(left),
      status: { text: action === 'bury' ? t.buried : t.suspended, tone: 'success' },
    });
  };

  useKeys(onKey, { text: typing });

  function onKey(input: string, key: Parameters<typeof keyEvent>[1]) {
    // The help handles its own keys (it scrolls), and closes itself.
    if (help) return;
    const event = keyEvent(input, key);
    if (typing) {
      const command = commandFor('typing', event);
      if (command === 'back') return props.onExit(summary());
      for (const action of typingActions(command, input, key, showing.card.expected ?? '')) {
        dispatch({ type: 'typing', action });
      }
      return;
    }
    const command = commandFor('review', event);
    switch (command) {
      case 'back':
        return props.onExit(summary());
      case 'help':
        return setHelp(true);
      case 'undo':
        return undo();
      case 'up':
        return dispatch({ type: 'scroll', delta: -1, max: maxScroll });
      case 'down':
        return dispatch({ type: 'scroll', delta: 1, max: maxScroll });
      case 'pageUp':
        return dispatch({ type: 'scroll', delta: -(height - 1), max: maxScroll });
      case 'pageDown':
        return dispatch({ type: 'scroll', delta: height - 1, max: maxScroll });
      default:
        break;
    }
    if (!showing) return;
    if (command === 'bury' || command === 'suspend') return setAside(command);
    if (command === 'edit' && props.onEdit) {
      return props.onEdit(showing.card, { state, startedAt });
    }
    if (!revealed) {
      if (command === 'reveal') dispatch({ type: 'reveal' });
      return;
    }
    if (command === 'reveal') return rate(suggestedRating(state));
    const choice = RATINGS.find((r) => r.command === command);
    if (choice) rate(choice.rating);
  }

  if (help)
    return (
      <Help
        screens={['review', 'typing']}
        messages={t}
        theme={theme}
        onClose={() => setHelp(false)}
      />
    );

  const crumbs = showing ? [showing.card.deck, ...showing.card.headings] : ['kioku'];
  const countsText = `${t.new} ${counts.new} · ${t.learning} ${counts.learning} · ${t.due} ${counts.review}`;
  const header = (
    <Box>
      <Box flexGrow={1} flexShrink={1} minWidth={0}>
        <Text color={ink(theme.accent)} bold wrap="truncate-middle">
          {neutralize(crumbs.join(' › '))}
        </Text>
      </Box>
      <Box flexShrink={0} marginLeft={1}>
        {cramming ? (
          <Text color={ink(theme.warning)}>{t.cramLeft(cramLeft.length)}</Text>
        ) : (
          <Text>
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
        )}
      </Box>
    </Box>
  );
  const done = state.answered.length;
  const total = done + (cramming ? cramLeft.length : counts.new + counts.learning + counts.review);
  const progress = (
    <Text color={ink(theme.muted)}>
      {progressBar(done, total, Math.min(30, size.columns - 12 - stringWidth(countsText) / 4))}
    </Text>
  );
  const problemLine =
    problems.length > 0 ? (
      <Text color={ink(theme.warning)} wrap="truncate-end">
        ⚠ {t.problems(problems.length, problems.map(neutralize).join(', '))}
      </Text>
    ) : null;
  const statusLine = (
    <Text
      color={ink(state.status?.tone === 'error' ? theme.error : theme.success)}
      wrap="truncate-end"
    >
      {state.status ? neutralize(state.status.text) : ' '}
    </Text>
  );

  if (!showing) {
    const s = summary();
    const seconds = Math.round(s.ms / 1000);
    return (
      <Box flexDirection="column">
        {header}
        {problemLine}
        <Box marginY={1} flexDirection="column">
          <Text bold>{t.doneTitle}</Text>
          {queue.laterToday > 0 ? <Text>{t.laterToday(queue.laterToday)}</Text> : null}
          <Text>
            {t.summary(
              s.reviewed,
              t.duration(Math.floor(seconds / 60), seconds % 60),
              s.reviewed ? s.again / s.reviewed : 0,
            )}
          </Text>
        </Box>
        {statusLine}
        <Text color={ink(theme.muted)}>
          {hintLine('review', ['undo', 'help', 'back'], t.short)}
        </Text>
      </Box>
    );
  }

  return (
    <Box flexDirection="column">
      {header}
      {progress}
      {problemLine}
      <Box borderStyle="round" borderColor={ink(theme.border)} flexDirection="column" paddingX={1}>
        <Lines lines={visible} theme={theme} cloze={showing.card.kind === 'cloze'} />
        {typing ? (
          <Text>
            <Text color={ink(theme.accent)}>› </Text>
            {neutralize(state.answer.typed)}
            <Text inverse> </Text>
          </Text>
        ) : null}
      </Box>
      {revealed ? (
        <Box flexDirection="column">
          {buttonRows.map((row) => (
            <Box key={row[0]!.name} gap={2}>
              {row.map((b) => (
                <Text key={b.name} color={ink(theme.rating[b.name])} bold={b.mark !== ''}>
                  {b.text}
                </Text>
              ))}
            </Box>
          ))}
        </Box>
      ) : typing ? (
        <Text color={ink(theme.muted)}>{t.typePrompt}</Text>
      ) : (
        <Text> </Text>
      )}
      {statusLine}
      <Text color={ink(theme.muted)} wrap="truncate-end">
        {typing
          ? hintLine('typing', ['submit', 'back'], t.short)
          : revealed
            ? `1–4 ${t.rate} · ${hintLine(
                'review',
                ['reveal', 'undo', 'bury', 'suspend', 'edit', 'help'],
                {
                  ...t.short,
                  reveal: t[RATINGS.find((r) => r.rating === suggested)?.name ?? 'good'],
                },
              )}`
            : hintLine(
                'review',
                ['reveal', 'undo', 'bury', 'suspend', 'edit', 'help', 'back'],
                t.short,
              )}
      </Text>
    </Box>
  );
}

/**
 * The rows of a long card shown from `scroll` on, in `height` rows: until its
 * end is on screen, the last row says how much is left.
 */
export function scrollWindow(
  content: readonly Line[],
  height: number,
  scroll: number,
  t: Messages,
): Line[] {
  const maxScroll = Math.max(0, content.length - height);
  if (content.length <= height) return [...content];
  if (scroll >= maxScroll) return content.slice(maxScroll);
  return [
    ...content.slice(scroll, scroll + height - 1),
    [{ text: t.more(content.length - scroll - height + 1), style: 'muted' }],
  ];
}

function progressBar(done: number, total: number, width: number): string {
  const w = Math.max(5, Math.floor(width));
  const filled = total === 0 ? 0 : Math.round((done / total) * w);
  return `${'━'.repeat(filled)}${'─'.repeat(w - filled)} ${done}/${total}`;
}

/** The card's lines: the question, then after the reveal a rule, the typed diff and the answer. */
export function cardLines(
  card: Card,
  revealed: boolean,
  typedResult: TypedResult | null,
  width: number,
  t: Messages,
  theme: Theme,
): Line[] {
  const front = renderMarkdown(card.front, width);
  const masked = card.kind === 'cloze' ? highlightMasks(front, card) : front;
  if (!revealed) return masked;
  const lines: Line[] = [
    ...masked,
    [],
    [{ text: '─'.repeat(Math.min(width, 20)), style: 'muted' }],
  ];
  if (typedResult) {
    lines.push(
      [
        {
          text: typedResult.correct ? `✓ ${t.typedCorrect}` : `✗ ${t.typedWrong}`,
          style: typedResult.correct ? 'good' : 'bad',
          bold: true,
        },
      ],
      diffLine(t.typedYou, typedResult.typed, theme),
      diffLine(t.typedExpected, typedResult.expected, theme),
      [],
    );
  }
  lines.push(...renderMarkdown(card.back, width));
  return lines;
}

/** `[…]` and `[hint]` of the card's own deletions, styled as cloze so they stand out. */
function highlightMasks(lines: Line[], card: Card): Line[] {
  const masks = new Set(
    (card.cloze?.segments ?? []).flatMap((s) =>
      s.type === 'deletion' && s.group === card.cloze?.group ? [`[${s.hint ?? '…'}]`] : [],
    ),
  );
  return lines.map((line) =>
    line.flatMap((segment): Segment[] => {
      let parts: Segment[] = [segment];
      for (const mask of masks) {
        parts = parts.flatMap((p) => {
          if (p.style === 'cloze' || !p.text.includes(mask)) return [p];
          return p.text
            .split(mask)
            .flatMap((piece, i) => [
              ...(i > 0 ? [{ text: mask, style: 'cloze' as const, bold: true }] : []),
              ...(piece ? [{ ...p, text: piece }] : []),
            ]);
        });
      }
      return parts;
    }),
  );
}

/** One line of the typed-answer diff. Without colour, git's word-diff marks keep it readable. */
function diffLine(label: string, parts: readonly DiffPart[], theme: Theme): Line {
  const line: Segment[] = [{ text: `${label} `, style: 'muted' }];
  parts.forEach((part, i) => {
    if (i > 0) line.push({ text: ' ', style: 'text' });
    const text = neutralize(part.text);
    if (part.kind === 'same') line.push({ text, style: 'good' });
    else if (theme.color) line.push({ text, style: 'bad', bold: true });
    else
      line.push({ text: part.kind === 'missing' ? `{+${text}+}` : `[-${text}-]`, style: 'text' });
  });
  return line;
}
