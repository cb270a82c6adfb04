/**
 * `kioku plan --exam DATE [DECK] [--minutes N | --new N] [--lead N] [--json] [--apply | --clear]`.
 * Everything here but `runPlan`'s callbacks is values in, text out.
 */
import path from 'node:path';
import stringWidth from 'string-width';
import type { DeckSet } from '../../deck/collection.js';
import { loadDecks } from '../../deck/load.js';
import { inDeck } from '../../deck/tree.js';
import { EXAM_WEIGHTS } from '../../model/exam.js';
import type { CardRecord } from '../../model/record.js';
import type { ExamPlan, Settings } from '../../model/settings.js';
import { answerPace, answersIn, fitBudget, peakMinutes } from '../../plan/budget.js';
import { PLAN_RUNS, PLAN_SEED, planQueue } from '../../plan/readiness.js';
import { type Plan, simulatePlan } from '../../plan/simulate.js';
import { addDays, type DayConfig, daysBetween, studyDay } from '../../schedule/day.js';
import { barChart, compactNumber, lineText } from '../../stats/charts.js';
import type { ReviewEvent } from '../../store/events.js';
import { readLogEvents, SETTINGS_FILE, updateSettings } from '../../store/store.js';
import { neutralize, toJson } from '../../text/sanitize.js';
import type { CliOptions } from '../args.js';
import { type Context, outputWidth, requireFolders } from '../context.js';
import { openData } from '../open.js';
import { PLAN_TEXT, type PlanText } from './planText.js';

export interface PlanContext {
  readonly args: readonly string[];
  readonly options: CliOptions;
  readonly decks: DeckSet;
  readonly records: Readonly<Record<string, CardRecord>>;
  readonly events: readonly ReviewEvent[];
  readonly settings: Settings;
  readonly day: DayConfig;
  readonly now: Date;
  /** The interface language: the bundled decks' folder planned for when no deck is given. */
  readonly language: string;
  readonly width: number;
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  /** Writes settings (`--apply`, `--clear`). */
  readonly saveSettings: (changes: Partial<Settings>) => Promise<void>;
  /** Where the settings live, for the message. */
  readonly settingsFile: string;
}

const DEFAULT_LEAD = 7;

/** Runs the command; returns the exit code. */
export async function runPlan(ctx: PlanContext): Promise<number> {
  const { options, settings } = ctx;
  const t = PLAN_TEXT[ctx.language === 'ja' ? 'ja' : 'en'];
  const today = studyDay(ctx.now, ctx.day);
  const fail = (message: string) => {
    ctx.err(`kioku: ${message}`);
    return 2;
  };

  if (options.clear) {
    if (options.exam || options.apply || options.new || options.minutes || ctx.args.length > 0) {
      return fail('--clear takes nothing else. Use "kioku plan --clear".');
    }
    if (!settings.plan) {
      ctx.out(t.noPlan);
      return 0;
    }
    const old = settings.plan;
    // A plan saved before the limit was scoped overwrote the global limit: put it back.
    const legacy = old.scoped !== true && settings.newPerDay === old.newPerDay;
    const limit = legacy ? old.previousNewPerDay : settings.newPerDay;
    await ctx.saveSettings(legacy ? { plan: null, newPerDay: limit } : { plan: null });
    ctx.out(t.cleared(old.exam, limit, t.scope(neutralize(old.deck))));
    return 0;
  }

  const example = addDays(today, 30);
  if (!options.exam) {
    return fail(`"kioku plan" needs the exam date. Use "kioku plan --exam ${example}".`);
  }
  if (!isDate(options.exam)) {
    return fail(
      `Unexpected value "${neutralize(options.exam)}" for --exam. Use a date as YYYY-MM-DD, e.g. "--exam ${example}".`,
    );
  }
  const exam = options.exam;
  if (daysBetween(today, exam) < 1) {
    return fail(
      `The exam date ${exam} is ${exam === today ? 'today' : 'in the past'} (today is ${today}): there is nothing left to plan. Use a later date, e.g. "--exam ${example}".`,
    );
  }
  if (options.minutes && options.new) {
    return fail(
      'Give either --minutes (the time you have a day) or --new (new cards a day), not both.',
    );
  }

  const names = ctx.decks.decks.map((d) => d.name);
  const deck = ctx.args[0];
  if (deck !== undefined && !names.some((n) => inDeck(n, deck))) {
    return fail(`No deck "${neutralize(deck)}". Decks: ${names.map(neutralize).join(', ')}`);
  }
  // Like `kioku exam`: one language at a time, the interface language's folder when there is one.
  const scope = deck ?? (names.some((n) => inDeck(n, ctx.language)) ? ctx.language : '');
  // The plan plays the days as the daily queue would: the decks' own scheduling and limits.
  const queue = planQueue(ctx.decks, settings, ctx.day);
  const cards = queue.cards(ctx.records, scope);
  if (cards.length === 0) {
    return fail(
      `No cards to plan for${scope ? ` in "${neutralize(scope)}"` : ''} (none, or all suspended). Name a deck with cards: kioku plan --exam ${exam} DECK`,
    );
  }

  const pace = answerPace(ctx.events);
  const lead = options.lead ? Number(options.lead) : DEFAULT_LEAD;
  const input = {
    cards,
    now: ctx.now,
    exam,
    day: ctx.day,
    settings,
    secondsPerAnswer: pace.seconds,
    leadDays: lead,
    ...queue.limits,
    seed: PLAN_SEED,
    runs: PLAN_RUNS,
  };
  let plan: Plan;
  if (options.minutes) {
    const minutes = Number(options.minutes);
    const fit = fitBudget(input, minutes);
    if (!fit.ok) {
      return fail(
        `${minutes} minute(s) a day is not enough: ${fit.date === today ? 'today' : fit.date} needs ${fit.needed} minute(s) for ${cards.some((c) => c.memory === null) ? 'its reviews and one new card' : 'its reviews'}. Use "--minutes ${fit.needed}" or more, or a later exam date.`,
      );
    }
    plan = fit.plan;
  } else {
    plan = simulatePlan({
      ...input,
      ...(options.new ? { newPerDay: Number(options.new) } : {}),
    });
  }

  if (options.json) {
    ctx.out(toJson(planJson(plan), 2));
  } else {
    for (const line of formatPlan(plan, { width: ctx.width, scope, pace, lead, t })) {
      for (const part of wrap(line, Math.max(40, ctx.width))) ctx.out(part);
    }
  }

  if (options.apply) {
    // A plan saved before limits were scoped overwrote the global limit: put it back.
    const old = settings.plan;
    const globalLimit =
      old && old.scoped !== true && settings.newPerDay === old.newPerDay
        ? old.previousNewPerDay
        : settings.newPerDay;
    const saved: ExamPlan = {
      exam,
      newPerDay: plan.newPerDay,
      start: today,
      deck: scope,
      lead,
      ...(options.minutes
        ? { examWeekPerDay: answersIn(Number(options.minutes), pace.seconds) }
        : {}),
      previousNewPerDay: globalLimit,
      scoped: true,
      startRecall: plan.recall,
    };
    // Only the planned deck or folder follows the plan; the global limit stays.
    await ctx.saveSettings(
      globalLimit === settings.newPerDay
        ? { plan: saved }
        : { plan: saved, newPerDay: globalLimit },
    );
    const message = t.saved(
      ctx.settingsFile,
      plan.newPerDay,
      t.scope(neutralize(scope)),
      exam,
      scope === '' ? null : globalLimit,
    );
    // With --json, stdout stays JSON.
    if (options.json) ctx.err(message);
    else ctx.out(message);
  }
  return 0;
}

/** The plan for scripts, in the shape `kioku plan --json` documents. */
export function planJson(plan: Plan) {
  return {
    exam: plan.exam,
    days: plan.days.map((d) => ({
      date: d.date,
      new: d.new,
      reviews: d.reviews,
      minutes: d.minutes,
    })),
    recall: plan.recall,
    uncovered: plan.uncovered,
  };
}

/** The plan as text: a summary, a chart of minutes a day, the domain table. Pure. */
export function formatPlan(
  plan: Plan,
  options: {
    readonly width: number;
    readonly scope: string;
    readonly pace: { seconds: number; source: 'log' | 'default'; answers: number };
    readonly lead: number;
    /** The interface language's text; English by default. */
    readonly t?: PlanText;
  },
): string[] {
  const t = options.t ?? PLAN_TEXT.en;
  const width = Math.max(40, Math.min(options.width, 100));
  const lines: string[] = [];
  const where = options.scope ? neutralize(options.scope) : t.allDecks;
  lines.push(t.summary(plan.exam, plan.daysLeft, where, plan.cards, plan.newCards));
  const covered = plan.newCards - plan.uncovered.cards;
  if (plan.newCards === 0) {
    lines.push(t.noneLeft);
  } else if (plan.newPerDay === 0) {
    lines.push(t.noneADay);
  } else {
    const last = plan.days.filter((d) => d.new > 0).at(-1)?.date ?? plan.lastNewDay;
    lines.push(t.newCards(plan.newPerDay, last, covered, plan.newCards, options.lead));
  }
  lines.push(
    options.pace.source === 'log'
      ? t.paceLog(options.pace.seconds)
      : t.paceDefault(options.pace.seconds, options.pace.answers),
  );
  if (plan.overdue > 0) lines.push(t.backlog(plan.overdue));
  if (plan.daysLeft <= options.lead && plan.newCards > 0) {
    lines.push(t.tooClose(plan.daysLeft, options.lead));
  }
  lines.push('');

  lines.push(t.minutesADay);
  const chart = barChart(
    plan.days.map((d) => ({ label: d.date.slice(5), value: d.minutes })),
    width,
    6,
  );
  for (const line of chart) lines.push(lineText(line));
  const totalReviews = plan.days.reduce((n, d) => n + d.reviews, 0);
  const totalNew = plan.days.reduce((n, d) => n + d.new, 0);
  const totalMinutes = plan.days.reduce((n, d) => n + d.minutes, 0);
  const peak = peakMinutes(plan);
  lines.push(
    t.inAll(
      compactNumber(totalNew),
      compactNumber(totalReviews),
      totalMinutes < 60
        ? t.minutes(Math.round(totalMinutes))
        : t.hours((totalMinutes / 60).toFixed(1)),
      peak.date,
      Math.ceil(peak.minutes),
    ),
  );
  if (plan.examWeek > 0 || plan.examWeekMissed > 0) {
    lines.push(
      t.examWeek(Math.min(options.lead, plan.daysLeft), plan.examWeek, plan.examWeekMissed),
    );
  }
  lines.push('');

  lines.push(t.recallTitle);
  const domains = Object.entries(plan.recall.domains);
  if (domains.length > 0) {
    const [cDomain, cWeight, cRecall, cLeft] = t.columns;
    const nameWidth = Math.max(
      ...domains.map(([d]) => stringWidth(d)),
      stringWidth(t.overall),
      stringWidth(cDomain),
    );
    const w = (head: string) => Math.max(6, stringWidth(head));
    // The columns before the bar, each followed by two spaces: the bar takes the rest.
    const before = nameWidth + w(cWeight) + w(cRecall) + stringWidth(cLeft) + 8;
    const barWidth = Math.max(5, Math.min(40, width - before));
    const row = (name: string, weight: string, recall: number, left: number) =>
      `${padEnd(name, nameWidth)}  ${padStart(weight, w(cWeight))}  ${padStart(percent(recall), w(cRecall))}  ${padStart(String(left), stringWidth(cLeft))}  ${bar(recall, barWidth)}`.trimEnd();
    lines.push(
      `${padEnd(cDomain, nameWidth)}  ${padStart(cWeight, w(cWeight))}  ${padStart(cRecall, w(cRecall))}  ${cLeft}`,
    );
    for (const [domain, value] of domains) {
      const weight = `${Math.round((EXAM_WEIGHTS[domain] ?? 0) * 100)}%`;
      lines.push(row(domain, weight, value, plan.uncovered.domains[domain] ?? 0));
    }
    lines.push(row(t.overall, '100%', plan.recall.overall, plan.uncovered.cards));
    lines.push(t.weighted(percent(plan.recallIfIdle.overall)));
  } else {
    lines.push(t.noDomains(percent(plan.recall.overall), percent(plan.recallIfIdle.overall)));
  }
  if (plan.uncovered.cards > 0) {
    const by = Object.entries(plan.uncovered.domains)
      .sort((a, b) => b[1] - a[1])
      .map(([d, n]) => `${d} ${n}`)
      .join(', ');
    lines.push(t.uncovered(plan.uncovered.cards, by));
  }
  return lines;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - stringWidth(text))) + text;
}

/** A bar on a fixed 0–100% scale, in eighths. */
function bar(value: number, width: number): string {
  const eighths = Math.round(Math.max(0, Math.min(1, value)) * width * 8);
  const part = eighths % 8;
  return '█'.repeat(Math.floor(eighths / 8)) + (part > 0 ? '▏▎▍▌▋▊▉'[part - 1]! : '');
}

/** Characters a line does not start with (Japanese line-breaking rules, in short). */
const NO_LINE_START = new Set([...'、。，．・：；？！）」』】〕ー々ぁぃぅぇぉっゃゅょ,.:;?!)]%']);
/** Characters a line does not end with. */
const NO_LINE_END = new Set([...'（「『【〔([']);

/**
 * Prose wraps to the terminal's width by display width: at a space, or between
 * two characters where one is wide (Japanese), never before closing
 * punctuation; a stretch with neither breaks anywhere. Charts and tables are
 * cut to the width already.
 */
export function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (stringWidth(rest) > width) {
    const chars = [...rest];
    // The last break opportunity within the width: [offset to cut at, offset to resume at].
    let best: [number, number] | null = null;
    let fit = 0;
    let used = 0;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      const w = stringWidth(ch);
      if (ch === ' ') {
        if (used > 0) best = [fit, fit + 1];
      } else if (i > 0 && !NO_LINE_START.has(ch)) {
        const before = chars[i - 1]!;
        if (before !== ' ' && !NO_LINE_END.has(before) && (w > 1 || stringWidth(before) > 1)) {
          best = [fit, fit];
        }
      }
      if (used + w > width) break;
      used += w;
      fit += ch.length;
    }
    // A break far back would leave most of the line empty: then cut where it fills.
    const [cut, resume] =
      best && stringWidth(rest.slice(0, best[0])) > width / 2 ? best : [fit, fit];
    if (cut <= 0) break;
    out.push(rest.slice(0, cut).trimEnd());
    rest = `  ${rest.slice(resume)}`;
  }
  out.push(rest);
  return out;
}

function percent(n: number): string {
  return `${Math.round(n * 100)}%`;
}

function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/** `kioku plan`: the command's shell around `runPlan`, in the command line's context. */
export async function plan(ctx: Context): Promise<number> {
  requireFolders(ctx, { decks: true });
  const decks = await loadDecks({ root: ctx.where.decks, display: ctx.display });
  // Saving a plan holds the data lock, as every writer does (and may create data/).
  const writes = ctx.options.apply === true || ctx.options.clear === true;
  const { settings, day, store } = await openData(ctx, { readOnly: !writes, create: writes });
  try {
    return await runPlan({
      args: ctx.args,
      options: ctx.options,
      decks,
      records: store.cards,
      events: readLogEvents(store.dir),
      settings,
      day,
      now: ctx.now(),
      language: ctx.language,
      width: outputWidth(ctx, null) ?? 100,
      out: ctx.out,
      err: ctx.err,
      saveSettings: (changes) => updateSettings(ctx.where.data, changes),
      settingsFile: ctx.display(path.join(ctx.where.data, SETTINGS_FILE)),
    });
  } finally {
    await store.close();
  }
}
