// node scripts/bench-plan.mjs: how long `kioku plan` takes to simulate 60 days
// for 1,500 cards (500 studied, 1,000 new), cold (the first run in a fresh
// process, as the command does it) and warm, and the --minutes solver on top.
// The command averages the recall of four runs (PLAN_RUNS): so does this; one
// run alone is reported beside it.
// Writes bench/results/plan.json. Target: the cold simulation under 2 s.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_MS = 2000;
const day = { timeZone: 'Asia/Tokyo', rolloverHour: 4 };
const DOMAINS = ['troubleshooting', 'architecture', 'networking', 'workloads', 'storage'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (n) => Math.round(n * 10) / 10;
const clock = () => Number(process.hrtime.bigint()) / 1e6;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kioku-bench-plan-'));
try {
  const lib = path.join(tmp, 'lib.mjs');
  await build({
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    stdin: {
      contents: [
        "export { simulatePlan } from './src/plan/simulate.ts';",
        "export { fitBudget } from './src/plan/budget.ts';",
        "export { createScheduler, Rating } from './src/schedule/fsrs.ts';",
        "export { DEFAULT_SCHEDULER } from './src/model/settings.ts';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    outfile: lib,
  });
  const { simulatePlan, fitBudget, createScheduler, DEFAULT_SCHEDULER, Rating } = await import(
    pathToFileURL(lib).href
  );

  const now = new Date('2026-03-02T01:00:00Z');
  const scheduler = createScheduler({ ...DEFAULT_SCHEDULER, fuzz: false }, day);
  const cards = [];
  for (let i = 0; i < 500; i++) {
    // Studied 1 to 60 days ago, some with a second answer: a spread of states.
    const at = new Date(now.getTime() - (1 + (i % 60)) * 86_400_000);
    let memory = scheduler.answer(null, at, i % 7 === 0 ? Rating.Again : Rating.Good);
    memory = scheduler.answer(memory, new Date(at.getTime() + 600_000), Rating.Good);
    if (i % 3 === 0)
      memory = scheduler.answer(memory, new Date(Date.parse(memory.due)), Rating.Good);
    cards.push({ id: `s${i}`, domain: DOMAINS[i % 5], memory });
  }
  for (let i = 0; i < 1000; i++) cards.push({ id: `n${i}`, domain: DOMAINS[i % 5], memory: null });
  const input = {
    cards,
    now,
    exam: '2026-05-01', // 60 study days from 2026-03-02
    day,
    settings: DEFAULT_SCHEDULER,
    secondsPerAnswer: 10,
    leadDays: 7,
    seed: 1,
    runs: 4,
  };

  const times = [];
  let plan;
  for (let i = 0; i < RUNS; i++) {
    const t0 = clock();
    plan = simulatePlan(input);
    times.push(clock() - t0);
  }
  const single = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = clock();
    simulatePlan({ ...input, runs: 1 });
    single.push(clock() - t0);
  }
  const t1 = clock();
  const fit = fitBudget(input, 45);
  const budgetMs = clock() - t1;
  const answers = plan.days.reduce((n, d) => n + d.new + d.reviews, 0);

  const results = {
    cards: cards.length,
    days: plan.days.length,
    answers,
    coldMs: ms(times[0]),
    warmMedianMs: ms(median(times.slice(1))),
    runs: input.runs,
    oneRunWarmMedianMs: ms(median(single)),
    budgetMs: ms(budgetMs),
    budgetNewPerDay: fit.ok ? fit.plan.newPerDay : null,
    recall: plan.recall.overall,
    targetMs: TARGET_MS,
    pass: times[0] < TARGET_MS,
  };
  mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(
    path.join(root, 'bench', 'results', 'plan.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  console.log(
    `plan: ${results.days} days, ${results.cards} cards (${answers} answers): ${input.runs} runs cold ${results.coldMs} ms, warm ${results.warmMedianMs} ms, one run ${results.oneRunWarmMedianMs} ms (target < ${TARGET_MS} ms: ${results.pass ? 'pass' : 'FAIL'}); --minutes 45 solved in ${results.budgetMs} ms (${results.budgetNewPerDay} new a day)`,
  );
  if (!results.pass) process.exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
