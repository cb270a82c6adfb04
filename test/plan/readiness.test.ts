import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ExamPlan, readSettings } from '../../src/model/settings.js';
import {
  examReadiness,
  planCards,
  planQueue,
  planReadiness,
  readiness as readinessOf,
  trendDays,
} from '../../src/plan/readiness.js';
import { Rating } from '../../src/schedule/fsrs.js';
import { computeStats, type Stats } from '../../src/stats/stats.js';
import { readLogEvents } from '../../src/store/store.js';
import { examStatus, homeLines, homeSnapshot } from '../../src/ui/homeView.js';
import { MESSAGES } from '../../src/ui/i18n.js';
import { statsReport } from '../../src/ui/statsReport.js';
import { makeStudy } from '../helpers/study.js';

const now = new Date('2026-03-10T12:00:00Z');
const plan: ExamPlan = {
  exam: '2026-04-07',
  newPerDay: 2,
  start: '2026-03-03',
  deck: 'en',
  lead: 7,
  previousNewPerDay: 20,
  startRecall: { overall: 0.5, domains: { networking: 0.6, storage: 0.3 } },
};
const deck = (domain: string, n: number) =>
  [
    `---\nlang: en\ndomain: ${domain}\n---`,
    ...Array.from({ length: n }, (_, i) => `Q: ${domain} ${i}?\nA: ${i}\n`),
  ].join('\n');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function study(withPlan: ExamPlan | null) {
  const made = await makeStudy(
    {
      'en/net': deck('networking', 12),
      'en/disk': deck('storage', 8),
      'ja/net': deck('networking', 5),
    },
    { now, settings: { plan: withPlan } },
  );
  cleanups.push(made.cleanup);
  for (const card of made.study.decks.cards.slice(0, 6)) {
    made.study.answer(card, null, Rating.Good, 4000, new Date(now.getTime() - 3 * 86_400_000));
  }
  return made;
}

describe('readiness under a saved plan', () => {
  it('is null without a plan, and nothing changes on the deck list', async () => {
    const { study: s } = await study(null);
    expect(planReadiness({ ...s, now })).toBeNull();
    expect(examStatus(s, now)).toBeNull();
  });

  it('predicts from the cards of the plan’s deck only, with the plan’s new cards a day', async () => {
    const { study: s } = await study(plan);
    const r = planReadiness({ ...s, now })!;
    expect(r.daysLeft).toBe(28);
    expect(Object.keys(r.recall!.domains)).toEqual(['networking', 'storage']);
    expect(r.recall!.overall).toBeGreaterThan(0.8);
    expect(r.recall!.overall).toBeLessThanOrEqual(1);
    // 14 new cards at 2 a day over the 21 days before the last week: all covered.
    const slow = planReadiness({
      ...s,
      settings: { ...s.settings, plan: { ...plan, newPerDay: 0 } },
      now,
    })!;
    expect(slow.recall!.overall).toBeLessThan(r.recall!.overall);
  });

  it('takes each deck’s scheduling and limits from its front matter, and the review limit', async () => {
    const made = await makeStudy(
      {
        'en/a':
          '---\nlang: en\ndomain: storage\nscheduling:\n  desiredRetention: 0.8\n  newPerDay: 1\n---\nQ: a?\nA: a\n',
        'en/b': deck('networking', 2),
      },
      { now, settings: { plan, reviewsPerDay: 50 } },
    );
    cleanups.push(made.cleanup);
    const queue = planQueue(made.study.decks, made.study.settings, made.study.day);
    const cards = queue.cards({}, 'en');
    expect(cards.map((c) => [c.deck, c.settings?.desiredRetention])).toEqual([
      ['en/a', 0.8],
      ['en/b', 0.9],
      ['en/b', 0.9],
    ]);
    expect(queue.limits).toEqual({
      reviewsPerDay: 50,
      deckLimits: { 'en/a': { newPerDay: 1 }, 'en/b': {} },
    });
  });

  it('has no prediction on the exam day, and no section after it', async () => {
    const { study: s } = await study(plan);
    const onTheDay = new Date('2026-04-07T09:00:00Z');
    expect(planReadiness({ ...s, now: onTheDay })).toEqual({ daysLeft: 0, recall: null });
    expect(planReadiness({ ...s, now: new Date('2026-04-09T09:00:00Z') })).toBeNull();
  });

  it('puts the days left and the prediction in the deck list header, the plan first when narrow', async () => {
    const { study: s } = await study(plan);
    const exam = examStatus(s, now)!;
    expect(exam.daysLeft).toBe(28);
    const view = {
      rows: [],
      selected: 0,
      height: 24,
      studiedToday: 0,
      problems: [],
      decksDir: 'decks',
      stats: true,
      color: false,
      t: MESSAGES.en,
      exam,
    };
    const header = (width: number) =>
      homeLines({ ...view, width })[0]!
        .map((seg) => seg.text)
        .join('');
    const pct = Math.round(exam.recall! * 100);
    expect(header(80)).toMatch(
      new RegExp(
        `^kioku 記憶 · Decks +Exam in 28 days · ${pct}% predicted · Today: 0 cards studied$`,
      ),
    );
    expect(header(50)).toMatch(
      new RegExp(`^kioku 記憶 · Decks +Exam in 28 days · ${pct}% predicted$`),
    );
    expect(
      homeLines({ ...view, width: 80, t: MESSAGES.ja })[0]!
        .map((x) => x.text)
        .join(''),
    ).toContain(`試験まで 28 日 · 予測 ${pct}%`);
    // Memoised: the same study and day give the same object without simulating again.
    expect(examStatus(s, now)).toBe(exam);
  });

  it('leaves the prediction pending in a first frame, then shows the simulated one', async () => {
    const { study: s } = await study(plan);
    const header = (exam: ReturnType<typeof examStatus>, t = MESSAGES.en) =>
      homeLines({
        rows: [],
        selected: 0,
        height: 24,
        width: 80,
        studiedToday: 0,
        problems: [],
        decksDir: 'decks',
        stats: true,
        color: false,
        t,
        exam,
      })[0]!
        .map((seg) => seg.text)
        .join('');
    // No simulation has run for this study yet: the first frame says the figure is coming.
    const first = homeSnapshot(s, now, new Set(), false).exam;
    expect(first).toEqual({ daysLeft: 28, recall: null, pending: true });
    expect(header(first)).toMatch(/Exam in 28 days · predicting… · Today: 0 cards studied$/);
    expect(header(first, MESSAGES.ja)).toContain('試験まで 28 日 · 予測を計算中…');
    // Once simulated (the start-up index is written after the first frame), it is used.
    const full = homeSnapshot(s, now, new Set()).exam!;
    expect(full.recall).toBeGreaterThan(0.5);
    expect(homeSnapshot(s, now, new Set(), false).exam).toBe(full);
  });

  it('replays the log for a weekly trend of the prediction since the plan started', async () => {
    const longer = { ...plan, start: '2026-02-22' };
    const { study: s, store } = await study(longer);
    const events = readLogEvents(store.dir);
    const r = examReadiness({ ...s, settings: { ...s.settings, plan: longer }, now, events })!;
    expect(r.trend.map((p) => p.date)).toEqual([
      '2026-02-22',
      '2026-03-01',
      '2026-03-08',
      '2026-03-10',
    ]);
    expect(r.trend[0]!.recall).toEqual(plan.startRecall);
    expect(r.trend.at(-1)!.recall).toEqual(r.recall);
    // Each week's point is the plan simulated (one run) from the state at that
    // day's start (10:00 UTC here: six hours after the 04:00 rollover).
    const domains = new Map(s.decks.decks.map((d) => [d.name, d.meta.domain]));
    const at = (date: string, records: typeof store.cards) =>
      readinessOf({
        plan: longer,
        cards: planCards(s.decks.cards, records, (d) => domains.get(d), 'en'),
        settings: s.settings,
        day: s.day,
        now: new Date(`${date}T10:00:00Z`),
        runs: 1,
      })!.recall;
    // Nothing was studied before 03-07: every card new on 03-01; studied by 03-08.
    expect(r.trend[1]!.recall).toEqual(at('2026-03-01', {}));
    expect(r.trend[2]!.recall).toEqual(at('2026-03-08', store.cards));
    expect(r.trend[2]!.recall).not.toEqual(r.trend[1]!.recall);
    // Without the log, the start and now.
    const bare = examReadiness({ ...s, settings: { ...s.settings, plan: longer }, now })!;
    expect(bare.trend.map((p) => p.date)).toEqual(['2026-02-22', '2026-03-10']);
  });

  it('spaces the trend’s points out on a long plan, at most six, the latest kept', () => {
    expect(trendDays('2026-03-03', '2026-03-10', '2026-04-07')).toEqual([]);
    expect(trendDays('2026-03-03', '2026-03-11', '2026-04-07')).toEqual(['2026-03-10']);
    const long = trendDays('2026-01-01', '2026-04-01', '2026-05-01');
    expect(long).toHaveLength(6);
    expect(long.at(-1)).toBe('2026-03-26');
    // After the exam, nothing past it.
    expect(trendDays('2026-03-01', '2026-04-20', '2026-03-20')).toEqual([
      '2026-03-08',
      '2026-03-15',
    ]);
  });

  it('shows the readiness section in the statistics, beside the mock exams', async () => {
    const longer = { ...plan, start: '2026-02-22' };
    const { study: s, store } = await study(longer);
    const events = readLogEvents(store.dir);
    const readiness = examReadiness({ ...s, now, events })!;
    const stats = {
      ...computeStats({
        events,
        cards: s.decks.cards,
        records: store.cards,
        now,
        day: s.day,
        desiredRetention: 0.9,
        retrievability: () => 0.9,
      }),
      exams: [
        {
          day: '2026-02-20',
          score: 0.2,
          correct: 1,
          total: 5,
          domains: { networking: { correct: 1, total: 5 } },
        },
        {
          day: '2026-03-05',
          score: 0.4,
          correct: 2,
          total: 5,
          domains: { networking: { correct: 2, total: 5 } },
        },
        {
          day: '2026-03-09',
          score: 0.8,
          correct: 4,
          total: 5,
          domains: { networking: { correct: 4, total: 5 } },
        },
      ],
      readiness,
    };
    const lines = statsReportSection(stats);
    expect(lines[0]).toBe('Exam readiness');
    expect(lines[1]).toBe('Exam on 2026-04-07: 28 days left · plan since 2026-02-22');
    expect(lines[2]).toMatch(/^domain +plan start +now {4}trend {2}mock exam$/);
    const today = (d: string) => `${Math.round(readiness.recall!.domains[d]! * 100)}%`;
    // The prediction's four points as a sparkline; mock exams since the plan started:
    // the latest, its change from the first, and their course.
    expect(lines[3]).toMatch(
      new RegExp(`^networking +60% +${today('networking')} ▲  [▁-█]{4} +80% \\(\\+40\\) ▁█$`),
    );
    expect(lines[4]).toMatch(new RegExp(`^storage +30% +${today('storage')} ▲  [▁-█]{4} +—$`));
    expect(lines[5]).toMatch(/^overall +50% +\d+% ▲ {2}▁[▁-█]{2}█ +80% \(\+40\) ▁█$/);
  });
});

describe('the plan in settings.json', () => {
  it('accepts a saved plan and refuses a damaged one, keeping the default', () => {
    expect(readSettings({ plan }).settings.plan).toEqual(plan);
    expect(readSettings({ plan: null }).problems).toEqual([]);
    const bad = readSettings({ plan: { exam: 'soon', newPerDay: 5 } });
    expect(bad.settings.plan).toBe(DEFAULT_SETTINGS.plan);
    expect(bad.problems[0]).toMatch(/"plan" must be null or a plan from "kioku plan --apply"/);
  });
});

/** The report's lines from the readiness heading to the line before the mock exams. */
function statsReportSection(stats: Stats): string[] {
  const lines = statsReport(stats, 80, MESSAGES.en).map((l) =>
    l
      .map((x) => x.text)
      .join('')
      .trimEnd(),
  );
  const start = lines.indexOf('Exam readiness');
  return lines.slice(start, lines.indexOf('Mock exams') - 1);
}
