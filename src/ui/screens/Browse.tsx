import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import type { Card } from '../../model/card.js';
import { intervalLabel } from '../../schedule/fsrs.js';
import { cardState, parseQuery, searchCards } from '../../session/search.js';
import type { Study } from '../../session/study.js';
import { fieldParts } from '../../session/textField.js';
import { neutralize } from '../../text/sanitize.js';
import type { BrowseState } from '../app/state.js';
import { truncate } from '../homeView.js';
import type { Size } from '../hooks.js';
import type { Messages } from '../i18n.js';
import { hintLine } from '../keys.js';
import { ink, type Theme } from '../theme.js';

export interface BrowseProps {
  readonly view: BrowseState;
  readonly study: Study;
  readonly messages: Messages;
  readonly theme: Theme;
  readonly now: () => Date;
  readonly size: Size;
}

/**
 * Lines used by the search box, search hint, column titles, the detail pane
 * without its fields (borders, front, file), status and hint.
 */
const CHROME = 9;
/** The same without the detail pane. */
const LIST_CHROME = 5;

/** What browse shows for a query and selection: the results, the detail pane, the list's rows. */
export function browseLayout(
  study: Study,
  view: Pick<BrowseState, 'query' | 'selected'>,
  size: Size,
  at: Date,
  t: Messages,
) {
  const parsed = parseQuery(view.query.text, at, study.day);
  // Cheap next to a render (a filter over the cards), and always current after a suspend.
  const results = searchCards(study.decks.cards, study.records, parsed);
  const selected = Math.max(0, Math.min(view.selected, results.length - 1));
  const current = results[selected];
  const fields = current ? detailFields(current, study, at, t) : [];
  // The detail pane's fields wrap as a narrow terminal needs; the list gets the
  // rest, and in a terminal too short for both, the list alone is shown.
  const detailed = size.rows - CHROME - fieldRows(fields, size.columns - 4);
  const withDetail = current !== undefined && detailed >= 3;
  const height = Math.max(1, withDetail ? detailed : size.rows - LIST_CHROME);
  const top = Math.max(0, Math.min(selected - Math.floor(height / 2), results.length - height));
  return { parsed, results, selected, current, fields, withDetail, height, top };
}

/** Search and browse: a view of the state; its keys are the app reducer's. */
export function Browse(props: BrowseProps) {
  const { view, study, messages: t, theme, now, size } = props;
  const at = now();
  const { parsed, results, selected, current, fields, withDetail, height, top } = browseLayout(
    study,
    view,
    size,
    at,
    t,
  );
  const { editing, status } = view;
  const query = fieldParts(view.query);

  const columns = size.columns;
  const stateWidth = 10;
  const dueWidth = 7;
  const deckWidth = Math.min(24, Math.max(10, Math.floor(columns / 5)));
  const cardWidth = Math.max(10, columns - stateWidth - dueWidth - deckWidth - 5);
  const row = (card: Card) => {
    const record = study.record(card);
    const state = record?.suspended
      ? record.leech
        ? t.states.leech
        : t.states.suspended
      : t.states[cardState(record)];
    const due = record?.memory ? relative(at, new Date(record.memory.due)) : '—';
    const front = card.front.replace(/\s+/g, ' ');
    return { front, deck: card.deck, state, due };
  };

  return (
    <Box flexDirection="column">
      <Text>
        <Text color={ink(theme.accent)} bold>
          {t.searchPrompt}{' '}
        </Text>
        {editing ? (
          <>
            {neutralize(query.before)}
            <Text inverse>{neutralize(query.at)}</Text>
            {neutralize(query.after)}
          </>
        ) : (
          neutralize(view.query.text)
        )}
        <Text color={ink(theme.muted)}>
          {'  '}
          {t.matches(results.length, study.decks.cards.length)}
        </Text>
      </Text>
      <Text color={ink(theme.muted)} wrap="truncate-end">
        {parsed.problems.length > 0 ? parsed.problems.join('; ') : t.searchHint}
      </Text>
      <Text color={ink(theme.muted)}>
        {'  '}
        {fitWidth(t.browseColumns.card, cardWidth)} {fitWidth(t.browseColumns.deck, deckWidth)}{' '}
        {fitWidth(t.browseColumns.due, dueWidth)} {t.browseColumns.state}
      </Text>
      {results.length === 0 ? (
        <Text>{t.noMatches}</Text>
      ) : (
        results.slice(top, top + height).map((card, i) => {
          const r = row(card);
          const isSelected = top + i === selected;
          return (
            <Text key={card.id} inverse={isSelected && !theme.color}>
              <Text color={isSelected ? ink(theme.accent) : undefined}>
                {isSelected ? '▸ ' : '  '}
              </Text>
              <Text color={isSelected ? ink(theme.accent) : undefined}>
                {fitWidth(neutralize(r.front), cardWidth)}
              </Text>{' '}
              <Text color={ink(theme.muted)}>{fitWidth(neutralize(r.deck), deckWidth)}</Text>{' '}
              {fitWidth(r.due, dueWidth)} {r.state}
            </Text>
          );
        })
      )}
      {current && withDetail ? (
        <Detail card={current} fields={fields} t={t} theme={theme} width={columns} />
      ) : null}
      <Text color={ink(theme.success)} wrap="truncate-end">
        {status ?? ' '}
      </Text>
      <Text color={ink(theme.muted)} wrap="truncate-end">
        {editing
          ? hintLine('search', ['submit', 'back'], t.short)
          : hintLine(
              'browse',
              ['search', 'toggleSuspend', 'reset', 'undo', 'edit', 'help', 'back'],
              t.short,
            )}
      </Text>
    </Box>
  );
}

interface Field {
  readonly label: string;
  readonly value: string;
}

/** The detail pane's figures for a card. */
function detailFields(card: Card, study: Study, at: Date, t: Messages): Field[] {
  const memory = study.record(card)?.memory;
  const r = study.retrievability(card, at);
  const d = t.detail;
  return [
    {
      label: d.due,
      value: memory
        ? `${memory.due.slice(0, 10)} (${relative(at, new Date(memory.due))})`
        : d.never,
    },
    {
      label: d.stability,
      value: memory ? d.days(Math.round(memory.stability * 10) / 10) : d.never,
    },
    {
      label: d.difficulty,
      value: memory ? (Math.round(memory.difficulty * 10) / 10).toFixed(1) : d.never,
    },
    { label: d.retrievability, value: r === null ? d.never : `${Math.round(r * 100)}%` },
    { label: d.lapses, value: String(memory?.lapses ?? 0) },
    { label: d.reps, value: String(memory?.reps ?? 0) },
  ];
}

const fieldText = (f: Field) => `${f.label} ${f.value}   `;

/** Rows the fields take when wrapped into `width` columns, as Ink's flexWrap lays them out. */
function fieldRows(fields: readonly Field[], width: number): number {
  let rows = 0;
  let used = width;
  for (const f of fields) {
    const w = stringWidth(fieldText(f));
    if (used + w > width) {
      rows++;
      used = 0;
    }
    used += w;
  }
  return rows;
}

function Detail({
  card,
  fields,
  t,
  theme,
  width,
}: {
  card: Card;
  fields: readonly Field[];
  t: Messages;
  theme: Theme;
  width: number;
}) {
  const d = t.detail;
  return (
    <Box
      flexDirection="column"
      borderStyle="single"
      borderColor={ink(theme.border)}
      paddingX={1}
      width={width}
    >
      {/* Cut here, not by Ink: its truncation measures the whole text (a megabyte front). */}
      <Text>{truncate(neutralize(card.front.replace(/\s+/g, ' ')), Math.max(1, width - 4))}</Text>
      <Box flexWrap="wrap">
        {fields.map((f) => (
          <Text key={f.label}>
            <Text color={ink(theme.muted)}>{f.label} </Text>
            {f.value}
            {'   '}
          </Text>
        ))}
      </Box>
      <Text color={ink(theme.muted)} wrap="truncate-end">
        {d.file} {neutralize(`${card.file}:${card.line}`)}
        {card.tags.length > 0
          ? `   ${d.tags} ${neutralize(card.tags.map((x) => `#${x}`).join(' '))}`
          : ''}
      </Text>
    </Box>
  );
}

/** `today`, `3d`, `-2d` (overdue), `5h`: how far a due date is from now. */
function relative(now: Date, due: Date): string {
  if (due.getTime() <= now.getTime()) {
    const overdue = intervalLabel(due, now);
    return overdue === '<1m' ? 'now' : `-${overdue}`;
  }
  return intervalLabel(now, due);
}

function fitWidth(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)));
}
