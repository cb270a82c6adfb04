import stringWidth from 'string-width';
import {
  barChart,
  type ChartLine,
  compactNumber,
  hbar,
  heatmap,
  sparkline,
} from '../stats/charts.js';
import type { CardCounts, Rate, Stats } from '../stats/stats.js';
import { neutralize } from '../text/sanitize.js';
import type { Messages } from './i18n.js';
import type { Line, Segment, Style } from './markdown/types.js';

const HEAT: readonly Style[] = ['muted', 'heat1', 'heat2', 'heat3', 'heat4'];

function chart(lines: readonly ChartLine[]): Line[] {
  return lines.map((line) => line.map((s) => ({ text: s.text, style: HEAT[s.level] ?? 'text' })));
}

const text = (t: string, style: Style = 'text', bold = false): Segment =>
  bold ? { text: t, style, bold: true } : { text: t, style };

function pad(s: string, width: number, right = false): string {
  const gap = ' '.repeat(Math.max(0, width - stringWidth(s)));
  return right ? gap + s : s + gap;
}

function percent(rate: Rate): string {
  return rate.rate === null ? '—' : `${(rate.rate * 100).toFixed(1)}%`;
}

/**
 * Every statistic as pre-wrapped lines: the stats screen scrolls them, and
 * `kioku stats` prints them as text. Pure.
 */
export function statsReport(
  stats: Stats,
  width: number,
  t: Messages,
  /** false: tables take whole names beyond `width` (text for a pipe or a file). */
  fit = true,
): Line[] {
  const s = t.stats;
  const w = Math.max(40, width);
  const cut = (value: string, room: number) => (fit ? truncateTo(value, room) : value);
  const out: Line[] = [];
  const heading = (title: string) => {
    if (out.length > 0) out.push([]);
    out.push([text(title, 'heading', true)]);
  };

  heading(s.today);
  const minutes = Math.round(stats.today.timeMs / 60_000);
  out.push([
    text(s.todayLine(stats.today.reviews, stats.today.newCards, minutes)),
    text(
      stats.today.reviews > 0
        ? `  ${s.againRate(Math.round((stats.today.again / stats.today.reviews) * 100))}`
        : '',
      'muted',
    ),
  ]);
  if (stats.today.cramReviews > 0) out.push([text(s.cram(stats.today.cramReviews), 'muted')]);
  out.push([text(s.streak(stats.streak.current, stats.streak.longest))]);

  heading(s.calendar);
  out.push(...chart(heatmap(stats.calendar, w, true, s.names)));

  heading(s.forecast);
  out.push(
    ...chart(
      barChart(
        stats.forecast.map((d, i) => ({ label: i === 0 ? s.todayShort : `+${i}`, value: d.due })),
        w,
        6,
      ),
    ),
  );
  const week = stats.forecast.slice(0, 7).reduce((n, d) => n + d.due, 0);
  out.push([text(s.forecastSummary(stats.forecast[0]?.due ?? 0, week), 'muted')]);

  heading(s.counts);
  const columns: (keyof CardCounts)[] = [
    'new',
    'learning',
    'young',
    'mature',
    'suspended',
    'leech',
  ];
  const nameWidth = Math.max(
    8,
    w - columns.length * 10 - 1,
    ...(fit ? [] : stats.counts.decks.map((d) => stringWidth(neutralize(d.deck)) + 1)),
  );
  out.push([
    text(pad(t.deck, nameWidth), 'muted'),
    text(columns.map((c) => pad(s.countNames[c], 10, true)).join(''), 'muted'),
  ]);
  const countRow = (name: string, c: CardCounts, bold = false): Line => [
    text(pad(cut(neutralize(name), nameWidth), nameWidth), 'text', bold),
    text(columns.map((k) => pad(String(c[k]), 10, true)).join(''), 'text', bold),
  ];
  for (const d of stats.counts.decks) out.push(countRow(d.deck, d));
  out.push(countRow(t.total, stats.counts.total, true));

  heading(s.retention(Math.round(stats.retention.desiredRetention * 100)));
  out.push([
    text(
      `${pad('', 10)}${pad(s.young, 12, true)}${pad(s.mature, 12, true)}${pad(s.all, 12, true)}`,
      'muted',
    ),
  ]);
  for (const [label, win] of [
    [s.day, stats.retention.day],
    [s.week, stats.retention.week],
    [s.month, stats.retention.month],
  ] as const) {
    out.push([
      text(pad(label, 10)),
      text(
        `${pad(percent(win.young), 12, true)}${pad(percent(win.mature), 12, true)}${pad(percent(win.all), 12, true)}`,
      ),
      text(`  (${win.all.total})`, 'muted'),
    ]);
  }

  heading(s.perDay);
  out.push(
    ...chart(
      barChart(
        stats.perDay.map((d, i) => ({
          label: i === stats.perDay.length - 1 ? s.todayShort : `-${stats.perDay.length - 1 - i}`,
          value: d.new + d.learning + d.review,
        })),
        w,
        6,
      ),
    ),
  );
  out.push([
    text(
      s.average(stats.averageMs === null ? null : Math.round(stats.averageMs / 100) / 10),
      'muted',
    ),
  ]);

  heading(s.buttons);
  for (const [label, b] of [
    [s.learningCards, stats.buttons.learning],
    [s.reviewCards, stats.buttons.review],
  ] as const) {
    const total = b.again + b.hard + b.good + b.easy;
    const share = (n: number) => (total === 0 ? '—' : `${Math.round((n / total) * 100)}%`);
    out.push([
      text(pad(label, 14)),
      text(
        `${t.again} ${share(b.again)} · ${t.hard} ${share(b.hard)} · ${t.good} ${share(b.good)} · ${t.easy} ${share(b.easy)}`,
      ),
      text(`  (${compactNumber(total)})`, 'muted'),
    ]);
  }

  heading(s.memory);
  out.push([text(s.recall(stats.memory.estimatedRecall, stats.memory.cardsWithMemory))]);
  out.push([text(s.stability, 'muted')]);
  out.push(
    ...chart(
      hbar(
        stats.memory.stability.map((b) => ({ label: s.bucketDays(b.from, b.to), value: b.count })),
        w,
      ),
    ),
  );
  out.push([text(s.retrievability, 'muted')]);
  out.push(
    ...chart(
      hbar(
        stats.memory.retrievability.map((b) => ({
          label: `${Math.round(b.from * 100)}–${Math.round((b.to ?? 1) * 100)}%`,
          value: b.count,
        })),
        w,
      ),
    ),
  );
  if (stats.readiness) out.push(...readinessSection(stats, w, t, heading));

  heading(s.exams);
  if (stats.exams.length === 0) out.push([text(s.noExams, 'muted')]);
  for (const e of stats.exams.slice(-10)) {
    const pct = Math.round(e.score * 100);
    const domains = Object.entries(e.domains)
      .map(
        ([d, r]) =>
          `${s.domainShort[d as keyof typeof s.domainShort] ?? d} ${r.correct}/${r.total}`,
      )
      .join(' · ');
    out.push([
      text(`${e.day}  `),
      text(`${String(pct).padStart(3)}%`, pct >= 66 ? 'good' : 'bad', true),
      text(`  ${e.correct}/${e.total}  `),
      text(cut(domains, Math.max(10, w - 24)), 'muted'),
    ]);
  }
  return out;
}

/** Mock exams and prediction points a trend shows at most. */
const TREND_WIDTH = 8;

/**
 * The plan's two signals side by side, per CKA domain: the model's predicted
 * recall on exam day (when the plan started, now, and its course in between as a
 * sparkline) and the mock exams' tested score (the latest since the plan
 * started, its change from the first, and its course).
 */
function readinessSection(
  stats: Stats,
  width: number,
  t: Messages,
  heading: (title: string) => void,
): Line[] {
  const s = t.stats;
  const r = stats.readiness!;
  heading(s.readiness);
  const out: Line[] = [[text(s.readinessLine(r.exam, r.daysLeft, r.start))]];
  const since = stats.exams.filter((e) => e.day >= r.start);
  const exams = (since.length > 0 ? since : stats.exams.slice(-1)).slice(-TREND_WIDTH);
  const mockRates = (domain: string | null): number[] =>
    exams
      .map((e) => {
        if (domain === null) return e.score;
        const d = e.domains[domain];
        return d && d.total > 0 ? d.correct / d.total : null;
      })
      .filter((v): v is number => v !== null);
  const mock = (rates: readonly number[]): string => {
    if (rates.length === 0) return '—';
    const last = rates.at(-1)!;
    const change = Math.round((last - rates[0]!) * 100);
    return `${Math.round(last * 100)}%${rates.length > 1 ? ` (${change >= 0 ? '+' : ''}${change})` : ''}`;
  };
  const points = r.trend.slice(-TREND_WIDTH);
  const course = (domain: string | null): string =>
    points.length < 2
      ? ''
      : sparkline(
          points
            .map((p) => (domain === null ? p.recall.overall : p.recall.domains[domain]))
            .filter((v): v is number => v !== undefined),
        );
  const pct = (v: number | undefined) => (v === undefined ? '—' : `${Math.round(v * 100)}%`);
  const domains = Object.keys(r.recall?.domains ?? r.startRecall?.domains ?? {});
  const row = (name: string, domain: string | null) => {
    const rates = mockRates(domain);
    return {
      name,
      start: domain === null ? r.startRecall?.overall : r.startRecall?.domains[domain],
      now: domain === null ? r.recall?.overall : r.recall?.domains[domain],
      course: course(domain),
      mock: mock(rates),
      mockCourse: rates.length > 1 ? sparkline(rates) : '',
    };
  };
  const rows = [...domains.map((d) => row(d, d)), row(s.overall, null)];
  const [c0, c1, c2, c3, c4] = s.readinessColumns;
  const nameWidth = Math.max(stringWidth(c0), ...rows.map((x) => stringWidth(x.name)));
  const col = (v: string, head: string) => pad(v, Math.max(6, stringWidth(head)), true);
  const courseWidth = Math.max(stringWidth(c3), ...rows.map((x) => stringWidth(x.course)));
  const mockWidth = Math.max(...rows.map((x) => stringWidth(x.mock)));
  out.push([
    text(
      `${pad(c0, nameWidth)}  ${col(c1, c1)}  ${col(c2, c2)}    ${pad(c3, courseWidth)}  ${c4}`.trimEnd(),
      'muted',
    ),
  ]);
  for (const x of rows) {
    const trend =
      x.start !== undefined && x.now !== undefined
        ? x.now > x.start + 0.005
          ? ' ▲'
          : x.now < x.start - 0.005
            ? ' ▼'
            : '  '
        : '  ';
    out.push([
      text(`${pad(neutralize(x.name), nameWidth)}  ${col(pct(x.start), c1)}  `),
      text(col(pct(x.now), c2), 'text', true),
      text(trend, trend === ' ▲' ? 'good' : trend === ' ▼' ? 'bad' : 'text'),
      text(`  ${pad(x.course, courseWidth)}  `, 'heat3'),
      text(`${pad(x.mock, mockWidth)} ${x.mockCourse}`.trimEnd()),
    ]);
  }
  for (const line of wrapText(s.readinessNote, width)) out.push([text(line, 'muted')]);
  return out;
}

/** Wraps at spaces by display width (text without spaces, Japanese, breaks anywhere). */
function wrapText(value: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of value) {
    if (stringWidth(line + ch) > width) {
      const space = line.lastIndexOf(' ');
      if (space > 0) {
        lines.push(line.slice(0, space));
        line = line.slice(space + 1);
      } else {
        lines.push(line);
        line = '';
      }
    }
    line += ch;
  }
  if (line.trim() !== '') lines.push(line);
  return lines;
}

function truncateTo(value: string, width: number): string {
  if (stringWidth(value) <= width) return value;
  let out = '';
  for (const ch of value) {
    if (stringWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}
