import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { default_w } from 'ts-fsrs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildHistories,
  evaluate,
  studyDayIndexer,
  toTrainingItems,
} from '../../src/optimize/items.js';
import type { TrainRequest, WorkerMessage } from '../../src/optimize/protocol.js';
import {
  findWorkerFile,
  forkWorker,
  MIN_CARDS,
  MIN_REVIEWS,
  type OptimizeResult,
  optimize,
  type Progress,
  shouldSave,
  WORKER_FILE,
  type WorkerProcess,
} from '../../src/optimize/run.js';
import { simulateLog, TRUE_WEIGHTS } from '../../src/optimize/simulate.js';
import type { DayConfig } from '../../src/schedule/day.js';
import { BINDING_ENTRY, bundleWorker, tempDir, writeScript } from './helpers.js';

const TOKYO: DayConfig = { timeZone: 'Asia/Tokyo', rolloverHour: 4 };

let tmp: ReturnType<typeof tempDir>;
let worker: string;
// ~2,000 simulated cards, ~16,000 answers, from weights far from the defaults.
const events = simulateLog({ trueWeights: TRUE_WEIGHTS, cards: 2000, day: TOKYO, seed: 7 });

beforeAll(async () => {
  tmp = tempDir('kioku-optimize-');
  worker = await bundleWorker(tmp.dir);
});
afterAll(() => tmp.remove());

/** An in-process stand-in for the child: answers a request with `reply`. */
class FakeWorker extends EventEmitter implements WorkerProcess {
  requests: TrainRequest[] = [];
  killed: string[] = [];
  constructor(private readonly reply: (req: TrainRequest) => WorkerMessage[]) {
    super();
  }
  send(message: TrainRequest): boolean {
    this.requests.push(message);
    setImmediate(() => {
      for (const m of this.reply(message)) this.emit('message', m);
    });
    return true;
  }
  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    this.killed.push(signal);
    setImmediate(() => this.emit('close', null, signal));
    return true;
  }
}

/** What the CLI does with a result: write settings.json only when improved. */
function saveIfBetter(result: OptimizeResult, file: string): void {
  if (!shouldSave(result)) return;
  const settings = JSON.parse(readFileSync(file, 'utf8'));
  writeFileSync(file, JSON.stringify({ ...settings, weights: result.weights }));
}

describe('optimize', () => {
  it('fits weights with the real optimizer in a child process that beat the defaults', async () => {
    const progress: Progress[] = [];
    const settings = path.join(tmp.dir, 'settings.json');
    writeFileSync(settings, JSON.stringify({ weights: [] }));
    const result = await optimize({
      events,
      day: TOKYO,
      currentWeights: [],
      spawnWorker: () => forkWorker(worker),
      onProgress: (p) => progress.push(p),
    });
    expect(result.outcome).toBe('improved');
    if (result.outcome !== 'improved') return;
    expect(result.weights).toHaveLength(21);
    expect(result.data.cards).toBe(2000);
    expect(result.after.count).toBe(result.data.reviews);
    // Lower error than the defaults on the same data, close to the true weights' own.
    expect(result.after.rmse).toBeLessThan(result.before.rmse);
    expect(result.after.logLoss).toBeLessThan(result.before.logLoss);
    const items = toTrainingItems(buildHistories(events, TOKYO));
    const truth = evaluate(TRUE_WEIGHTS, items);
    expect(result.before).toEqual(evaluate(default_w, items));
    expect(result.after.rmse).toBeLessThan(result.before.rmse * 0.6);
    expect(result.after.rmse).toBeLessThan(truth.rmse * 1.5);
    // Progress is best effort: a run this short may end before the binding's first report.
    for (const p of progress) expect(p.current).toBeLessThanOrEqual(p.total);
    saveIfBetter(result, settings);
    expect(JSON.parse(readFileSync(settings, 'utf8')).weights).toEqual(result.weights);
  });

  it('says not-better when the fitted weights are no better than the ones in use', async () => {
    const fake = new FakeWorker(() => [
      { type: 'progress', current: 10, total: 40 },
      { type: 'progress', current: 40, total: 40 },
      { type: 'done', weights: [...TRUE_WEIGHTS], items: 1 },
    ]);
    const progress: Progress[] = [];
    const result = await optimize({
      events,
      day: TOKYO,
      currentWeights: TRUE_WEIGHTS,
      spawnWorker: () => fake,
      onProgress: (p) => progress.push(p),
    });
    expect(progress).toEqual([
      { current: 10, total: 40 },
      { current: 40, total: 40 },
    ]);
    expect(result.outcome).toBe('not-better');
    expect(shouldSave(result)).toBe(false);
    // The child gets packed items: each card's reviews once.
    const groups = fake.requests[0]!.items.groups;
    expect(groups).toHaveLength(2000);
    expect(fake.killed).toEqual(['SIGTERM']);
  });

  it('is too-few below the thresholds, without starting a worker', async () => {
    const small = simulateLog({ trueWeights: TRUE_WEIGHTS, cards: 40, day: TOKYO, seed: 1 });
    let spawned = 0;
    const result = await optimize({
      events: small,
      day: TOKYO,
      currentWeights: [],
      spawnWorker: () => {
        spawned++;
        return new FakeWorker(() => []);
      },
    });
    expect(result.outcome).toBe('too-few');
    if (result.outcome !== 'too-few') return;
    expect(result.data.cards).toBeLessThan(MIN_CARDS);
    expect(result.reviews).toBe(result.data.reviews);
    expect(result.message).toContain(`${MIN_REVIEWS} reviews and ${MIN_CARDS} cards`);
    expect(spawned).toBe(0);
    // All 2,000 cards, but only their first study day: nothing with deltaT > 0.
    const dayOf = studyDayIndexer(TOKYO);
    const firstDay = new Map<string, number>();
    const sameDay = events.filter((e) => {
      const d = dayOf(new Date(e.at));
      if (e.type !== 'answer') return false;
      if (!firstDay.has(e.card)) firstDay.set(e.card, d);
      return firstDay.get(e.card) === d;
    });
    const r2 = await optimize({ events: sameDay, day: TOKYO, currentWeights: [] });
    expect(r2).toMatchObject({ outcome: 'too-few', reviews: 0, data: { cards: 0 } });
  });

  it('reports unavailable when the binding cannot be loaded', async () => {
    const dir = path.join(tmp.dir, 'no-binding');
    const missing = await bundleWorker(dir, path.join(tmp.dir, 'nowhere', 'index.mjs'));
    const result = await optimize({
      events,
      day: TOKYO,
      currentWeights: [],
      spawnWorker: () => forkWorker(missing),
    });
    expect(result.outcome).toBe('unavailable');
    if (result.outcome !== 'unavailable') return;
    expect(result.message).toMatch(/not available on this install/);
    expect(shouldSave(result)).toBe(false);
  });

  it('survives a worker that aborts (exit 134) and writes nothing', async () => {
    const script = writeScript(
      tmp.dir,
      'abort.mjs',
      "process.on('message', () => { process.stderr.write('fake panic: boom\\n'); process.abort(); });\n",
    );
    const settings = path.join(tmp.dir, 'settings-abort.json');
    writeFileSync(settings, '{"weights":[]}');
    const result = await optimize({
      events,
      day: TOKYO,
      currentWeights: [],
      spawnWorker: () => forkWorker(script),
    });
    expect(result.outcome).toBe('failed');
    if (result.outcome !== 'failed') return;
    expect(result.message).toBe('the optimizer crashed (SIGABRT, exit 134): fake panic: boom');
    saveIfBetter(result, settings);
    expect(readFileSync(settings, 'utf8')).toBe('{"weights":[]}');
  });

  it('survives the real binding panicking on an unfiltered item', async () => {
    // A worker without the filter: one item with no review on a later day.
    const script = writeScript(
      tmp.dir,
      'unfiltered.mjs',
      [
        `const b = await import(${JSON.stringify(pathToFileURL(BINDING_ENTRY).href)});`,
        "process.on('message', async () => {",
        '  const item = new b.FSRSBindingItem([new b.FSRSBindingReview(3, 0), new b.FSRSBindingReview(3, 0)]);',
        '  const w = await b.computeParameters([item], { enableShortTerm: true });',
        "  process.send({ type: 'done', weights: w, items: 1 });",
        '});',
      ].join('\n'),
    );
    const result = await optimize({
      events,
      day: TOKYO,
      currentWeights: [],
      spawnWorker: () => forkWorker(script),
    });
    expect(result.outcome).toBe('failed');
    if (result.outcome !== 'failed') return;
    expect(result.message).toBe(
      'the optimizer crashed (SIGABRT, exit 134): panic: Invalid FSRS item: at least one review with delta_t > 0 is required',
    );
  });

  it('fails cleanly on an error reply, bad weights, a time limit and a cancel', async () => {
    const run = (reply: () => WorkerMessage[], extra = {}) =>
      optimize({
        events,
        day: TOKYO,
        currentWeights: [],
        spawnWorker: () => new FakeWorker(reply),
        ...extra,
      });
    const err = await run(() => [{ type: 'error', message: 'compute_parameters failed: x' }]);
    expect(err).toMatchObject({
      outcome: 'failed',
      message: 'the optimizer failed: compute_parameters failed: x',
    });
    const nan = await run(() => [{ type: 'done', weights: [Number.NaN], items: 1 }]);
    expect(nan).toMatchObject({ outcome: 'failed', message: /unusable weights/ });
    const slow = await run(() => [], { timeLimitMs: 50 });
    expect(slow).toMatchObject({ outcome: 'failed', message: /took longer than 0.05 s/ });
    const controller = new AbortController();
    const cancelled = run(() => [], { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await cancelled).toMatchObject({ outcome: 'failed', message: 'cancelled' });
    const noWorker = await optimize({
      events,
      day: TOKYO,
      currentWeights: [],
      spawnWorker: () => {
        throw new Error('the optimizer worker is missing');
      },
    });
    expect(noWorker).toMatchObject({ outcome: 'failed', message: /missing/ });
  });
});

describe('the worker', () => {
  it('refuses a malformed request instead of handing it to the binding', async () => {
    const child = forkWorker(worker);
    const replies: unknown[] = [];
    child.on('message', (m) => replies.push(m));
    child.send({
      type: 'train',
      enableShortTerm: true,
      numRelearningSteps: 1,
      items: { groups: [{ ratings: [3, 3], deltaTs: [0, 0], lengths: [9], positions: [0] }] },
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(replies).toEqual([
      { type: 'error', message: 'bad request: an item length is out of range' },
    ]);
  });

  it('drops items that would panic the binding even if the parent sent them', async () => {
    const child = forkWorker(worker);
    const replies: WorkerMessage[] = [];
    child.on('message', (m) => replies.push(m as WorkerMessage));
    const request: TrainRequest = {
      type: 'train',
      enableShortTerm: true,
      numRelearningSteps: 1,
      // Only same-day items: all unsafe, so nothing is left to train on.
      items: {
        groups: [{ ratings: [3, 1, 3], deltaTs: [0, 0, 0], lengths: [2, 3], positions: [0, 1] }],
      },
    };
    child.send(request);
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(replies).toEqual([{ type: 'error', message: 'no usable review history to train on' }]);
  });

  it('explains itself when started without IPC', () => {
    const r = spawnSync(process.execPath, [worker], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('child_process.fork');
  });

  it('is found beside the bundle or one level up from a chunk', () => {
    const base = new URL(`file://${path.join(tmp.dir, 'x', 'chunks', 'run.js')}`);
    expect(findWorkerFile(base)).toBeNull();
    writeScript(tmp.dir, WORKER_FILE, '');
    expect(findWorkerFile(new URL(`file://${path.join(tmp.dir, 'chunks', 'run.js')}`))).toBe(
      path.join(tmp.dir, WORKER_FILE),
    );
    expect(findWorkerFile(new URL(`file://${path.join(tmp.dir, 'kioku.js')}`))).toBe(
      path.join(tmp.dir, WORKER_FILE),
    );
  });
});
