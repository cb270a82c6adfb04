// node scripts/bench-optimize.mjs: how long `kioku optimize` takes on 100,000
// simulated reviews, with the real native optimizer in its child process.
// Prints the median of RUNS runs next to a bare `node -e ''` measured in the same
// run (these machines are noisy: compare ratios), and writes
// bench/results/optimize.json. Target: under 10 s.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const REVIEWS = Number(process.env.BENCH_REVIEWS ?? 100_000);
const TARGET_MS = 10_000;
const day = { timeZone: 'Asia/Tokyo', rolloverHour: 4 };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (n) => Math.round(n * 10) / 10;
const now = () => Number(process.hrtime.bigint()) / 1e6;

// The TypeScript sources and the worker, bundled the way scripts/build.mjs does
// (binding external). Outside the repo the bare package name would not resolve,
// so the binding import points at this checkout's copy.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'kioku-bench-optimize-'));
try {
  const binding = path.join(root, 'node_modules/@open-spaced-repetition/binding/dist/index.mjs');
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    plugins: [
      {
        name: 'binding-path',
        setup(b) {
          b.onResolve({ filter: /^@open-spaced-repetition\/binding$/ }, () => ({
            path: pathToFileURL(binding).href,
            external: true,
          }));
        },
      },
    ],
  };
  const worker = path.join(tmp, 'optimize-worker.mjs');
  await build({ ...common, entryPoints: ['src/optimize/worker.ts'], outfile: worker });
  const lib = path.join(tmp, 'lib.mjs');
  await build({
    ...common,
    stdin: {
      contents: [
        "export { optimize, forkWorker } from './src/optimize/run.ts';",
        "export { simulateLog, TRUE_WEIGHTS } from './src/optimize/simulate.ts';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    outfile: lib,
  });
  const { optimize, forkWorker, simulateLog, TRUE_WEIGHTS } = await import(pathToFileURL(lib).href);

  let t = now();
  const events = simulateLog({
    trueWeights: TRUE_WEIGHTS,
    cards: 100_000,
    newPerDay: 50,
    days: 365,
    maxReviews: REVIEWS,
    day,
    seed: 42,
  });
  const simulateMs = now() - t;
  const cards = new Set(events.map((e) => e.card)).size;
  console.log(`simulated ${events.length} answers on ${cards} cards in ${ms(simulateMs)} ms`);

  const bareNode = [];
  for (let i = 0; i < 5; i++) {
    t = now();
    spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
    bareNode.push(now() - t);
  }

  const runs = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    let spawnedAt = 0;
    let workerMs = 0;
    t = now();
    last = await optimize({
      events,
      day,
      currentWeights: [],
      spawnWorker: () => {
        spawnedAt = now();
        const child = forkWorker(worker);
        child.on('message', (m) => {
          if (m.type === 'done') workerMs = now() - spawnedAt;
        });
        return child;
      },
    });
    const total = now() - t;
    if (!last.weights) throw new Error(`optimize: ${last.outcome}: ${last.message}`);
    runs.push({ totalMs: ms(total), workerMs: ms(workerMs) });
    console.log(
      `run ${i + 1}: ${ms(total)} ms (child, spawn to weights: ${ms(workerMs)} ms) → ${last.outcome}`,
    );
  }

  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    answers: events.length,
    reviews: last.data.reviews,
    cards,
    runs,
    medianMs: ms(median(runs.map((r) => r.totalMs))),
    medianWorkerMs: ms(median(runs.map((r) => r.workerMs))),
    bareNodeMs: ms(median(bareNode)),
    targetMs: TARGET_MS,
    before: last.before,
    after: last.after,
    outcome: last.outcome,
  };
  console.log(
    `\noptimize, ${result.answers} answers: median ${result.medianMs} ms ` +
      `(child ${result.medianWorkerMs} ms) vs bare node -e '' ${result.bareNodeMs} ms; ` +
      `target < ${TARGET_MS} ms: ${result.medianMs < TARGET_MS ? 'ok' : 'MISSED'}`,
  );
  console.log(
    `RMSE(bins) ${result.before.rmse.toFixed(4)} (defaults) → ${result.after.rmse.toFixed(4)}, ` +
      `log loss ${result.before.logLoss.toFixed(4)} → ${result.after.logLoss.toFixed(4)}`,
  );
  mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(
    path.join(root, 'bench', 'results', 'optimize.json'),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  if (result.medianMs >= TARGET_MS) process.exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
