import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import type { DiffPart, Note, TypedResult } from '../../answer/compare.js';
import type { Card } from '../../model/card.js';
import { type Grade, Rating } from '../../schedule/fsrs.js';
import { queueCounts } from '../../schedule/queue.js';
import {
  isTyping,
  type ReviewState,
  type Status,
  sessionCounts,
  suggestedRating,
} from '../../session/review.js';
import type { Study } from '../../session/study.js';
import { neutralize } from '../../text/sanitize.js';
import { CardView } from '../components/CardView.js';
import type { Size } from '../hooks.js';
import type { Messages } from '../i18n.js';
import { type Command, hintLine, keysFor } from '../keys.js';
import { type Line, renderMarkdown, type Segment } from '../markdown/render.js';
import { type Attr, wrapInline } from '../markdown/wrap.js';
import { ink, type Theme } from '../theme.js';

export interface ReviewProps {
  readonly session: ReviewState;
  readonly study: Study;
  readonly messages: Messages;
  readonly theme: Theme;
  readonly now: () => Date;
  readonly size: Size;
  /** Deck files that failed to parse (their good cards still load). */
  readonly problems?: readonly string[];
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

/** Rows a status takes when wrapped (a leech notice is longer than 80 columns). */
function statusRows(status: Status | null, columns: number): number {
  return status ? Math.max(1, Math.ceil(stringWidth(neutralize(status.text)) / columns)) : 1;
}

/**
 * What the review screen lays out for a state: the card's lines, the rows
 * they get, the answer buttons. Pure but for the study's preview of the four
 * outcomes; the reducer reads `maxScroll` and `height` from it.
 */
export function reviewLayout(
  session: ReviewState,
  study: Study,
  size: Size,
  problems: readonly string[],
  t: Messages,
  theme: Theme,
  at: Date,
) {
  const { showing, revealed } = session;
  const cramming = session.source.kind === 'cram';
  const typing = isTyping(session);
  const typedCard = showing?.card.kind === 'typed' && !revealed;
  const outcomes = showing && revealed && !cramming ? study.preview(showing.card, at) : [];
  const width = Math.max(10, size.columns - 4);
  const content = showing
    ? cachedCardLines(showing.card, revealed, session.answer.result, width, t, theme)
    : [];
  const suggested = revealed ? suggestedRating(session) : null;
  const buttons = RATINGS.map((r) => {
    const outcome = outcomes.find((o) => o.rating === r.rating);
    const mark = r.rating === suggested && session.answer.result ? '*' : '';
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
      (typedCard ? 1 : 0) -
      (revealed ? buttonRows.length - 1 : 0) -
      (statusRows(session.status, size.columns) - 1),
  );
  const maxScroll = Math.max(0, content.length - height);
  return { typing, typedCard, content, suggested, buttonRows, height, maxScroll, cramming };
}

/** A card's lines, kept for the card on screen: the reducer and the view both ask for them. */
let lineCache: { key: readonly unknown[]; lines: Line[] } | null = null;
function cachedCardLines(...args: Parameters<typeof cardLines>): Line[] {
  if (lineCache?.key.every((v, i) => v === args[i]) && lineCache) return lineCache.lines;
  const lines = cardLines(...args);
  lineCache = { key: args, lines };
  return lines;
}

/** The review screen (scheduled review and cram): a view of the session's state. */
export function Review(props: ReviewProps) {
  const { session: state, study, messages: t, theme, now, problems = [], size } = props;
  const at = now();
  const { showing, revealed, source } = state;
  const deck = source.kind === 'schedule' ? source.deck : undefined;
  const queue = study.queue(at, deck);
  const counts = queueCounts(queue);
  const { typing, typedCard, content, suggested, buttonRows, height, cramming } = reviewLayout(
    state,
    study,
    size,
    problems,
    t,
    theme,
    at,
  );
  const cramLeft = source.kind === 'cram' ? source.left.length : 0;
  const summary = () => ({ ...sessionCounts(state), ms: at.getTime() - state.startedAt });

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
          <Text color={ink(theme.warning)}>{t.cramLeft(cramLeft)}</Text>
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
  const total = done + (cramming ? cramLeft : counts.new + counts.learning + counts.review);
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
    <Text color={ink(state.status?.tone === 'error' ? theme.error : theme.success)} wrap="wrap">
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
      <CardView
        lines={content}
        height={height}
        scroll={state.scroll}
        cloze={showing.card.kind === 'cloze'}
        answer={typedCard ? state.answer : null}
        messages={t}
        theme={theme}
      />
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
      ) : typedCard ? (
        <Text color={ink(theme.muted)}>{typing ? t.typePrompt : t.fieldLeft}</Text>
      ) : (
        <Text> </Text>
      )}
      {statusLine}
      <Text color={ink(theme.muted)} wrap="truncate-end">
        {typing
          ? hintLine('typing', ['submit', 'leaveField'], t.short)
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
                [
                  typedCard ? 'focusField' : 'reveal',
                  'undo',
                  'bury',
                  'suspend',
                  'edit',
                  'help',
                  'back',
                ],
                t.short,
              )}
      </Text>
    </Box>
  );
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
  const masked = frontLines(card, width);
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
      diffLine(t.typedYou, typedResult.typed, theme, width),
      diffLine(t.typedExpected, typedResult.expected, theme, width),
      ...noteLines(typedResult.explanation ?? [], width, t),
      [],
    );
  }
  lines.push(...renderMarkdown(card.back, width));
  return lines;
}

/**
 * The question's lines, kept for the card on screen: the reveal then lays out
 * only the answer (a megabyte side takes a noticeable moment to lay out).
 */
let frontCache: { card: Card; width: number; lines: Line[] } | null = null;
function frontLines(card: Card, width: number): Line[] {
  if (frontCache?.card === card && frontCache.width === width) return frontCache.lines;
  const front = renderMarkdown(card.front, width);
  const lines = card.kind === 'cloze' ? highlightMasks(front, card) : front;
  frontCache = { card, width, lines };
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

/** Text on one terminal row: quoted tabs and newlines of a typed command become spaces. */
const oneRow = (text: string): string => neutralize(text.replace(/[\t\n\r]/g, ' '));

const NOTE_MARK: Attr = { style: 'muted', bold: false, italic: false };
const NOTE_SAME: Attr = { style: 'good', bold: false, italic: false };
const NOTE_DIFF: Attr = { style: 'text', bold: false, italic: false };

/** The explanation of a kubectl answer: what was recognised, then what differs, wrapped. */
function noteLines(notes: readonly Note[], width: number, t: Messages): Line[] {
  return notes.flatMap((note) =>
    wrapInline(
      [
        { text: '· ', attr: NOTE_MARK },
        {
          text: oneRow(t.typedNote(note)),
          attr: note.kind === 'same' || note.kind === 'default' ? NOTE_SAME : NOTE_DIFF,
        },
      ],
      Math.max(10, width),
    ),
  );
}

/**
 * One line of the typed-answer diff, cut by the screen (Lines truncates it at
 * the width). Without colour, git's word-diff marks keep it readable.
 */
function diffLine(label: string, parts: readonly DiffPart[], theme: Theme, width: number): Line {
  const line: Segment[] = [{ text: `${label} `, style: 'muted' }];
  // Text past the width is never shown: only a few rows' worth reaches Ink, whose
  // truncation measures the whole string (a megabyte answer froze the screen).
  let room = 4 * width;
  for (const [i, part] of parts.entries()) {
    if (room <= 0) break;
    if (i > 0) line.push({ text: ' ', style: 'text' });
    const text = oneRow(clip(part.text, room));
    room -= text.length + 1;
    if (part.kind === 'same') line.push({ text, style: 'good' });
    else if (theme.color) line.push({ text, style: 'bad', bold: true });
    else
      line.push({ text: part.kind === 'missing' ? `{+${text}+}` : `[-${text}-]`, style: 'text' });
  }
  return line;
}

/** The first `max` code units of text, not splitting a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
