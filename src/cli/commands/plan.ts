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
import { answerPace, fitBudget, peakMinutes } from '../../plan/budget.js';
import { PLAN_SEED, planCards } from '../../plan/readiness.js';
import { daysBetween, type Plan, simulatePlan } from '../../plan/simulate.js';
import { type DayConfig, studyDay } from '../../schedule/day.js';
import { barChart, compactNumber, lineText } from '../../stats/charts.js';
import type { ReviewEvent } from '../../store/events.js';
import { readLogEvents, SETTINGS_FILE, updateSettings } from '../../store/store.js';
import { neutralize, toJson } from '../../text/sanitize.js';
import type { CliOptions } from '../args.js';
import { type Context, outputWidth, requireFolders } from '../context.js';
import { openData } from '../open.js';

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
      ctx.out('There is no saved plan; nothing was changed.');
      return 0;
    }
    const old = settings.plan;
    // A plan saved before the limit was scoped overwrote the global limit: put it back.
    const legacy = old.scoped !== true && settings.newPerDay === old.newPerDay;
    const limit = legacy ? old.previousNewPerDay : settings.newPerDay;
    await ctx.saveSettings(legacy ? { plan: null, newPerDay: limit } : { plan: null });
    ctx.out(
      `Removed the plan for the exam on ${old.exam}; new cards a day are back to ${limit} for ${scopeName(old.deck)}.`,
    );
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
  const domains = new Map(ctx.decks.decks.map((d) => [d.name, d.meta.domain]));
  const cards = planCards(ctx.decks.cards, ctx.records, (d) => domains.get(d), scope);
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
    seed: PLAN_SEED,
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
    for (const line of formatPlan(plan, { width: ctx.width, scope, pace, lead })) {
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
    const others =
      scope === '' ? '' : ` Other decks keep the limit of ${globalLimit} new card(s) a day.`;
    const message = `Saved the plan to ${ctx.settingsFile}: ${plan.newPerDay} new card(s) a day from ${scopeName(scope)} until the exam on ${exam}.${others} "kioku plan --clear" removes it.`;
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
  },
): string[] {
  const width = Math.max(40, Math.min(options.width, 100));
  const lines: string[] = [];
  const where = options.scope ? neutralize(options.scope) : 'all decks';
  lines.push(
    `Exam on ${plan.exam}: ${plan.daysLeft} day(s) from today · ${where} · ${plan.cards} card(s), ${plan.newCards} new`,
  );
  const covered = plan.newCards - plan.uncovered.cards;
  if (plan.newCards === 0) {
    lines.push('New cards: none left; the plan is reviews only.');
  } else if (plan.newPerDay === 0) {
    lines.push('New cards: none a day, so no new card is covered.');
  } else {
    const last = plan.days.filter((d) => d.new > 0).at(-1)?.date ?? plan.lastNewDay;
    lines.push(
      `New cards: ${plan.newPerDay} a day until ${last} (${covered} of ${plan.newCards}), every one at least ${options.lead} day(s) before the exam.`,
    );
  }
  lines.push(
    options.pace.source === 'log'
      ? `Pace: ${options.pace.seconds} s an answer (the median of your latest answers).`
      : `Pace: ${options.pace.seconds} s an answer (a default: your log has ${options.pace.answers} answer(s), too few to tell your own).`,
  );
  if (plan.overdue > 0) {
    lines.push(
      `Backlog: ${plan.overdue} overdue review(s), all planned for today (a budget leaves them out).`,
    );
  }
  for (const note of plan.notes) lines.push(`Note: ${note}.`);
  lines.push('');

  lines.push('Minutes a day');
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
    `In all: ${compactNumber(totalNew)} new, ${compactNumber(totalReviews)} reviews, ${hours(totalMinutes)}; busiest day ${peak.date}: ${Math.ceil(peak.minutes)} min.`,
  );
  lines.push('');

  lines.push('Predicted recall on exam day, with the planned reviews done');
  const domains = Object.entries(plan.recall.domains);
  if (domains.length > 0) {
    const nameWidth = Math.max(...domains.map(([d]) => d.length), 'overall'.length);
    const barWidth = Math.max(5, Math.min(40, width - nameWidth - 30));
    lines.push(`${'domain'.padEnd(nameWidth)}  weight  recall  not covered`);
    for (const [domain, value] of domains) {
      const weight = `${Math.round((EXAM_WEIGHTS[domain] ?? 0) * 100)}%`;
      const left = plan.uncovered.domains[domain] ?? 0;
      lines.push(
        `${domain.padEnd(nameWidth)}  ${weight.padStart(6)}  ${percent(value).padStart(6)}  ${String(left).padStart(11)}  ${bar(value, barWidth)}`.trimEnd(),
      );
    }
    lines.push(
      `${'overall'.padEnd(nameWidth)}  ${'100%'.padStart(6)}  ${percent(plan.recall.overall).padStart(6)}  ${String(plan.uncovered.cards).padStart(11)}  ${bar(plan.recall.overall, barWidth)}`.trimEnd(),
    );
    lines.push(
      `Overall is weighted like the exam. If you stopped studying today: ${percent(plan.recallIfIdle.overall)}.`,
    );
  } else {
    lines.push(
      `Overall: ${percent(plan.recall.overall)} (if you stopped studying today: ${percent(plan.recallIfIdle.overall)}). No deck here names a CKA domain, so there is no domain table.`,
    );
  }
  if (plan.uncovered.cards > 0) {
    const by = Object.entries(plan.uncovered.domains)
      .sort((a, b) => b[1] - a[1])
      .map(([d, n]) => `${d} ${n}`)
      .join(', ');
    lines.push(
      `Not covered: ${plan.uncovered.cards} new card(s) are not introduced before the cut-off${by ? ` (${by})` : ''}; they count as not recalled. More minutes, more new cards a day or a later date would cover them.`,
    );
  }
  return lines;
}

/** A bar on a fixed 0–100% scale, in eighths. */
function bar(value: number, width: number): string {
  const eighths = Math.round(Math.max(0, Math.min(1, value)) * width * 8);
  const part = eighths % 8;
  return '█'.repeat(Math.floor(eighths / 8)) + (part > 0 ? '▏▎▍▌▋▊▉'[part - 1]! : '');
}

/** Prose wraps at spaces to the terminal's width (charts and tables are cut to it already). */
export function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (stringWidth(rest) > width) {
    const cut = rest.lastIndexOf(' ', width);
    if (cut <= 0) break;
    out.push(rest.slice(0, cut));
    rest = `  ${rest.slice(cut + 1)}`;
  }
  out.push(rest);
  return out;
}

/** The planned deck or folder as a message names it. */
function scopeName(scope: string): string {
  return scope === '' ? 'every deck' : `"${neutralize(scope)}"`;
}

function percent(n: number): string {
  return `${Math.round(n * 100)}%`;
}

function hours(minutes: number): string {
  return minutes < 60 ? `${Math.round(minutes)} min` : `${(minutes / 60).toFixed(1)} h`;
}

function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
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
