import stringWidth from 'string-width';

/**
 * Text charts for the statistics screen. Pure: each returns lines of segments,
 * a piece of text with an intensity `level` the UI maps to a colour (0: labels,
 * axes and empty cells; 1–4: data, faint to strong). Adjacent segments of one
 * level are merged. No line is wider (by `string-width`) than the width given.
 */
export type Level = 0 | 1 | 2 | 3 | 4;

export interface Segment {
  readonly text: string;
  readonly level: Level;
}

export type ChartLine = readonly Segment[];

/** A line's text without the levels. */
export function lineText(line: ChartLine): string {
  return line.map((s) => s.text).join('');
}

/** Builds a line, merging neighbours of the same level and dropping empty text. */
class LineBuilder {
  private readonly segments: { text: string; level: Level }[] = [];

  add(text: string, level: Level = 0): this {
    if (text === '') return this;
    const last = this.segments[this.segments.length - 1];
    if (last && last.level === level) last.text += text;
    else this.segments.push({ text, level });
    return this;
  }

  /** The line without trailing spaces. */
  build(): ChartLine {
    const segments = this.segments;
    while (segments.length > 0) {
      const last = segments[segments.length - 1]!;
      last.text = last.text.replace(/ +$/, '');
      if (last.text !== '') break;
      segments.pop();
    }
    return segments.map((s) => ({ text: s.text, level: s.level }));
  }
}

/** Pads on the right to `width` columns (by string-width). */
function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

/** Pads on the left to `width` columns (by string-width). */
function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - stringWidth(text))) + text;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Cuts `text` to at most `width` columns, ending with `…` when cut. */
export function truncate(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}

/** Short count: `999`, `9999`, `12k`, `1.2M`. */
export function compactNumber(n: number): string {
  if (!Number.isFinite(n)) return '0';
  const abs = Math.abs(n);
  if (abs < 10_000) return Number.isInteger(n) ? String(n) : n.toFixed(1);
  if (abs < 1_000_000) return `${Math.round(n / 1000)}k`;
  const m = n / 1_000_000;
  return `${Math.abs(m) < 10 ? m.toFixed(1) : Math.round(m)}M`;
}

/**
 * A row of labels, each starting at its column (after `indent` columns) when it
 * fits: at least one space after the previous label and inside `room` columns.
 */
function placeLabels(
  labels: readonly { readonly col: number; readonly text: string }[],
  indent: number,
  room: number,
): ChartLine {
  return placeLabelRows(labels, indent, room, 1)[0]!;
}

/**
 * Labels at their columns over up to `rows` lines: a label that would touch the
 * one before goes to the next line down, so narrow charts still name every
 * label (the months of a one-column-per-week heatmap). Always `rows` ≥ 1 lines
 * when some label fits; extra lines only when used.
 */
function placeLabelRows(
  labels: readonly { readonly col: number; readonly text: string }[],
  indent: number,
  room: number,
  rows: number,
): ChartLine[] {
  const lines: ChartLine[] = [];
  let left = labels.filter(
    ({ col, text }) => stringWidth(text) > 0 && col + stringWidth(text) <= room,
  );
  for (let r = 0; r < rows && (r === 0 || left.length > 0); r++) {
    const line = new LineBuilder().add(' '.repeat(indent));
    const skipped: typeof left = [];
    let pos = 0;
    for (const label of left) {
      const w = stringWidth(label.text);
      if (pos > 0 && label.col < pos + 1) {
        skipped.push(label);
        continue;
      }
      line.add(' '.repeat(label.col - pos)).add(label.text);
      pos = label.col + w;
    }
    lines.push(line.build());
    left = skipped;
  }
  return lines;
}

// ---------------------------------------------------------------------------
// Heatmap

/** Intensity characters: no data (outside the calendar), zero, then levels 1–4. */
const HEAT = { none: ' ', zero: '·', levels: ['░', '▒', '▓', '█'] } as const;

export interface HeatmapNames {
  /** Twelve month labels, January first. */
  readonly months: readonly string[];
  /** Labels for Monday, Wednesday and Friday. */
  readonly weekdays: readonly [string, string, string];
}

export const ENGLISH_NAMES: HeatmapNames = {
  months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  weekdays: ['Mon', 'Wed', 'Fri'],
};

/**
 * Level 1–4 of a non-zero value by the quartiles of the non-zero values
 * (`sorted` ascending): up to the first quartile is 1, up to the median 2, up
 * to the third quartile 3, above it 4. The busiest day is always 4.
 */
function quantileLevel(value: number, sorted: readonly number[]): Level {
  const n = sorted.length;
  if (value <= 0 || n === 0) return 0;
  if (value >= sorted[n - 1]!) return 4;
  const quantile = (p: number) => sorted[Math.floor(p * (n - 1))]!;
  if (value <= quantile(0.25)) return 1;
  if (value <= quantile(0.5)) return 2;
  if (value <= quantile(0.75)) return 3;
  return 4;
}

/**
 * GitHub-style calendar: a row per weekday, a column per week, oldest left. A
 * month label row on top and Mon/Wed/Fri labels at left. Each day is one
 * character (`·` for no answers, `░▒▓█` by quantile), or a character and a gap
 * when the width allows two columns per week. When the width cannot hold every
 * week, the most recent weeks that fit are shown.
 *
 * `calendar` is consecutive days, oldest first (as `Stats.calendar`); the
 * quartiles are taken over all of it, shown or not, so the shading does not
 * change with the width.
 */
export function heatmap(
  calendar: readonly { readonly day: string; readonly reviews: number }[],
  width: number,
  weekStartsMonday = true,
  names: HeatmapNames = ENGLISH_NAMES,
): ChartLine[] {
  if (calendar.length === 0 || width <= 0) return [];
  const sorted = calendar
    .map((d) => sanitize(d.reviews))
    .filter((n) => n > 0)
    .sort((a, b) => a - b);

  // Grid: column = week, row = weekday (0 = the first day of the week).
  const rowOf = (day: string) => {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
    return weekStartsMonday ? (weekday + 6) % 7 : weekday;
  };
  const lead = rowOf(calendar[0]!.day);
  const weeks = Math.ceil((lead + calendar.length) / 7);
  const at = (week: number, row: number) => calendar[week * 7 + row - lead];

  // Weekday labels (rows of Monday, Wednesday, Friday), dropped when too narrow.
  const labelRows = weekStartsMonday ? [0, 2, 4] : [1, 3, 5];
  let labelWidth = Math.max(...names.weekdays.map((n) => stringWidth(n))) + 1;
  if (width - labelWidth < 4) labelWidth = 0;
  const room = width - labelWidth;
  const cell = room >= weeks * 2 ? 2 : 1;
  const shown = Math.min(weeks, Math.floor(room / cell));
  const first = weeks - shown;

  const lines: ChartLine[] = [];

  // Month labels: above the week holding the month's first day, and above the
  // first week shown when the next label leaves room for it.
  const months: { col: number; month: number }[] = [];
  for (let w = first; w < weeks; w++) {
    const month = monthStarting(w, at);
    if (month !== null) months.push({ col: (w - first) * cell, month });
  }
  const firstDay = at(first, 0) ?? calendar[0]!;
  if (months[0]?.col !== 0) {
    const month = Number(firstDay.day.slice(5, 7)) - 1;
    const next = months[0]?.col ?? room;
    if (stringWidth(names.months[month] ?? '') < next) months.unshift({ col: 0, month });
  }
  lines.push(
    ...placeLabelRows(
      months.map((m) => ({ col: m.col, text: names.months[m.month] ?? '' })),
      labelWidth,
      room,
      2,
    ),
  );

  for (let row = 0; row < 7; row++) {
    const line = new LineBuilder();
    if (labelWidth > 0) {
      const index = labelRows.indexOf(row);
      line.add(padEnd(index < 0 ? '' : names.weekdays[index]!, labelWidth));
    }
    for (let w = first; w < weeks; w++) {
      const entry = at(w, row);
      const level = entry ? quantileLevel(sanitize(entry.reviews), sorted) : 0;
      const char = !entry ? HEAT.none : level === 0 ? HEAT.zero : HEAT.levels[level - 1]!;
      line.add(char, level);
      if (cell === 2) line.add(' ');
    }
    lines.push(line.build());
  }
  return lines;
}

/** The month (0–11) whose first day falls in that week, if one does. */
function monthStarting(
  week: number,
  at: (week: number, row: number) => { readonly day: string } | undefined,
): number | null {
  for (let row = 0; row < 7; row++) {
    const entry = at(week, row);
    if (entry?.day.endsWith('-01')) return Number(entry.day.slice(5, 7)) - 1;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Vertical bar chart

const VBLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
const HBLOCKS = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'] as const;

function sanitize(n: number): number {
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** Eighths of `cells` a value fills: at least one for any non-zero value. */
function eighths(value: number, max: number, cells: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.max(1, Math.round((value / max) * cells * 8));
}

/**
 * Vertical bars of `height` rows drawn with `▁▂▃▄▅▆▇█`: one column per value,
 * or as the width allows, a bar of one to three columns and a gap. The y axis
 * shows the maximum at the top and 0 at the bottom; under the bars every fifth
 * value's label is shown where it fits. When the width cannot hold every
 * value, the last ones are shown.
 */
export function barChart(
  values: readonly { readonly label: string; readonly value: number }[],
  width: number,
  height = 8,
): ChartLine[] {
  if (values.length === 0 || width <= 0 || height <= 0) return [];
  const max = Math.max(0, ...values.map((v) => sanitize(v.value)));
  const top = compactNumber(max);
  let axis = Math.max(stringWidth(top), 1) + 2; // "max ┤"
  if (width - axis < 1) axis = 0;
  const room = width - axis;
  // Columns per value: a bar one to three columns wide and a gap, or just the bar.
  const cell = Math.max(1, Math.min(4, Math.floor(room / values.length)));
  const barWidth = cell === 1 ? 1 : cell - 1;
  const shown = Math.min(values.length, Math.floor(room / cell));
  const first = values.length - shown;
  const bars = values.slice(first).map((v) => eighths(sanitize(v.value), max, height));

  const lines: ChartLine[] = [];
  for (let row = height - 1; row >= 0; row--) {
    const line = new LineBuilder();
    if (axis > 0) {
      const label = row === height - 1 ? top : row === 0 ? '0' : '';
      line.add(`${padStart(label, axis - 2)} ${label === '' ? '│' : '┤'}`);
    }
    for (const units of bars) {
      const fill = Math.min(8, Math.max(0, units - row * 8));
      line.add((fill === 0 ? ' ' : VBLOCKS[fill - 1]!).repeat(barWidth), fill === 0 ? 0 : 4);
      if (cell > 1) line.add(' ');
    }
    lines.push(line.build());
  }

  // X labels: every fifth value (by its index in `values`), where they fit.
  const ticks: { col: number; text: string }[] = [];
  for (let i = first; i < values.length; i++) {
    if (i % 5 === 0) ticks.push({ col: (i - first) * cell, text: values[i]!.label });
  }
  const labels = placeLabels(ticks, axis, room);
  lines.push(labels);
  return lines;
}

// ---------------------------------------------------------------------------
// Horizontal bar chart

/**
 * One row per entry: the label (padded by display width, so Japanese labels
 * line up; cut with `…` beyond a third of the width), a bar drawn in eighths
 * with `▏▎▍▌▋▊▉█`, and the value right-aligned at the right edge.
 */
export function hbar(
  rows: readonly { readonly label: string; readonly value: number }[],
  width: number,
  format: (value: number) => string = compactNumber,
): ChartLine[] {
  if (rows.length === 0 || width <= 0) return [];
  const texts = rows.map((r) => format(r.value));
  const valueWidth = Math.max(...texts.map((t) => stringWidth(t)));
  const labelCap = Math.max(1, Math.floor(width / 3));
  const labels = rows.map((r) => truncate(r.label, labelCap));
  const labelWidth = Math.max(...labels.map((l) => stringWidth(l)));
  const max = Math.max(0, ...rows.map((r) => sanitize(r.value)));
  const barRoom = width - labelWidth - valueWidth - 2;

  return rows.map((r, i) => {
    const line = new LineBuilder();
    if (barRoom < 1) {
      // Too narrow for bars: label and value only, cut to the width.
      return line.add(truncate(`${labels[i]} ${texts[i]}`, width)).build();
    }
    line.add(`${padEnd(labels[i]!, labelWidth)} `);
    const units = eighths(sanitize(r.value), max, barRoom);
    const full = Math.floor(units / 8);
    const part = units % 8;
    const bar = '█'.repeat(full) + (part > 0 ? HBLOCKS[part - 1]! : '');
    line.add(bar, 4);
    line.add(' '.repeat(barRoom - stringWidth(bar) + 1));
    line.add(padStart(texts[i]!, valueWidth));
    return line.build();
  });
}

const SPARKS = '▁▂▃▄▅▆▇█';

/**
 * One character per value, `▁` (lowest) to `█` (highest), on a scale from the
 * lowest value to at least `minSpan` above it, so that a flat series of rates
 * does not look like a rollercoaster. Empty for no values.
 */
export function sparkline(values: readonly number[], minSpan = 0.1): string {
  if (values.length === 0) return '';
  const lo = Math.min(...values);
  const span = Math.max(minSpan, Math.max(...values) - lo);
  return values
    .map((v) => SPARKS[Math.min(7, Math.max(0, Math.round(((v - lo) / span) * 7)))]!)
    .join('');
}
