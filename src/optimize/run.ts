/**
 * `kioku optimize`: fit FSRS weights to the user's own review log in a child
 * process, and say whether they predict that log better than the weights in
 * use. Writes nothing: the caller saves the weights when `shouldSave(result)`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { default_w } from 'ts-fsrs';
import type { DayConfig } from '../schedule/day.js';
import type { ReviewEvent } from '../store/events.js';
import {
  buildHistories,
  type DataSize,
  dataSize,
  evaluate,
  type Metrics,
  toTrainingItems,
} from './items.js';
import { isWorkerMessage, packItems, type TrainRequest } from './protocol.js';

/**
 * Below either of these, `optimize` does not train (outcome `too-few`).
 * Reviews are answers with deltaT > 0 (a later study day than the card's
 * previous answer): the only ones a model is scored and trained on. 400 of
 * them over at least 50 cards is about the least fsrs-rs learns anything
 * from (it silently returns the defaults on less) and keeps a few noisy
 * cards from steering all 21 weights. Anki asks for the same order of magnitude.
 */
export const MIN_REVIEWS = 400;
export const MIN_CARDS = 50;

/** The worker's file name beside the CLI bundle (see `findWorkerFile`). */
export const WORKER_FILE = 'optimize-worker.js';

/** How much of the child's stderr is kept for the failure message. */
const STDERR_KEEP = 16_384;

/** Give up on a worker that has not answered after this long (default). */
const DEFAULT_TIME_LIMIT_MS = 10 * 60_000;

/** The part of `ChildProcess` `optimize` uses; a test can hand in a fake. */
export interface WorkerProcess {
  send(message: TrainRequest): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  /** After the child ended and its stdio closed (so every message has arrived). */
  on(
    event: 'close',
    listener: (code: number | null, signal: NodeJS.Signals | null) => void,
  ): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  kill(signal?: NodeJS.Signals): boolean;
  /** When present, what it says goes into the failure message (a Rust panic prints there). */
  readonly stderr?: NodeJS.ReadableStream | null;
}

export interface Progress {
  readonly current: number;
  readonly total: number;
}

export interface OptimizeOptions {
  readonly events: readonly ReviewEvent[];
  readonly day: DayConfig;
  /** Weights in use (`settings.weights`); empty for the defaults. */
  readonly currentWeights: readonly number[];
  readonly onProgress?: (progress: Progress) => void;
  /** Starts the child; default: fork the bundled `optimize-worker.js`. */
  readonly spawnWorker?: () => WorkerProcess;
  /** `relearningSteps.length` from the settings (fsrs-rs bounds w17/w18 by it). Default 1. */
  readonly numRelearningSteps?: number;
  /** Kill the child and fail after this long. Default 10 minutes. */
  readonly timeLimitMs?: number;
  /** Aborting kills the child; the outcome is `failed` ("cancelled"). */
  readonly signal?: AbortSignal;
}

interface Base {
  /** How much usable history there is (see `MIN_REVIEWS`). */
  readonly data: DataSize;
}

export interface TooFewResult extends Base {
  readonly outcome: 'too-few';
  /** `data.reviews`: answers with deltaT > 0. */
  readonly reviews: number;
  readonly message: string;
}

export interface NoWeightsResult extends Base {
  /** `unavailable`: the binding cannot load here; `failed`: the child crashed, erred or timed out. */
  readonly outcome: 'unavailable' | 'failed';
  readonly message: string;
  /** The weights in use, scored on this log. */
  readonly before: Metrics;
}

export interface FittedResult extends Base {
  /** `improved`: lower log loss and no higher RMSE(bins) than the weights in use. */
  readonly outcome: 'improved' | 'not-better';
  /** The weights in use (or the defaults), scored on this log. */
  readonly before: Metrics;
  /** The fitted weights, scored on the same log. */
  readonly after: Metrics;
  /** The fitted weights (21 numbers, ts-fsrs `w`). */
  readonly weights: readonly number[];
}

export type OptimizeResult = TooFewResult | NoWeightsResult | FittedResult;

export type ImprovedResult = FittedResult & { readonly outcome: 'improved' };

/** True when the caller should write `result.weights` to settings.json. */
export function shouldSave(result: OptimizeResult): result is ImprovedResult {
  return result.outcome === 'improved';
}

/**
 * Where the worker bundle is: beside the module running this code. In the
 * shipped build that module is dist/kioku.js or, with code splitting, a chunk
 * in dist/chunks/, so both `./` and `../` are tried. Null when neither exists
 * (running from source: tests pass their own `spawnWorker`).
 */
export function findWorkerFile(base: string | URL = import.meta.url): string | null {
  for (const rel of [`./${WORKER_FILE}`, `../${WORKER_FILE}`]) {
    const file = fileURLToPath(new URL(rel, base));
    if (existsSync(file)) return file;
  }
  return null;
}

/** Forks a worker file with IPC, its stderr piped (for crash messages), no inherited flags. */
export function forkWorker(file: string): ChildProcess {
  return fork(file, [], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    execArgv: [],
    serialization: 'json',
  });
}

function defaultSpawnWorker(): WorkerProcess {
  const file = findWorkerFile();
  if (!file) {
    throw new Error(
      `the optimizer worker (${WORKER_FILE}) is missing beside the program; reinstall kioku`,
    );
  }
  return forkWorker(file);
}

function sameWeights(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) < 1e-6);
}

function validWeights(w: unknown): w is number[] {
  return Array.isArray(w) && w.length === default_w.length && w.every((x) => Number.isFinite(x));
}

type WorkerOutcome =
  | { readonly kind: 'done'; readonly weights: number[] }
  | { readonly kind: 'unavailable' | 'failed'; readonly message: string };

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal === 'SIGABRT' || code === 134) return 'the optimizer crashed (SIGABRT, exit 134)';
  if (signal) return `the optimizer was killed (${signal})`;
  return `the optimizer stopped (exit code ${code}) before answering`;
}

/** Runs one training request in a worker; never throws, never leaves the child running. */
function runWorker(
  spawn: () => WorkerProcess,
  request: TrainRequest,
  options: Pick<OptimizeOptions, 'onProgress' | 'timeLimitMs' | 'signal'>,
): Promise<WorkerOutcome> {
  return new Promise((resolve) => {
    let child: WorkerProcess;
    try {
      child = spawn();
    } catch (err) {
      resolve({ kind: 'failed', message: errorText(err) });
      return;
    }
    let settled = false;
    let stderr = '';
    const finish = (outcome: WorkerOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    // The real worker exits by itself after its answer; this covers one that does not.
    const stop = (outcome: WorkerOutcome, signal: NodeJS.Signals = 'SIGKILL') => {
      finish(outcome);
      child.kill(signal);
    };
    const onAbort = () => stop({ kind: 'failed', message: 'cancelled' });
    const limit = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
    const timer = setTimeout(
      () => stop({ kind: 'failed', message: `the optimizer took longer than ${limit / 1000} s` }),
      limit,
    );
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort);

    child.stderr?.setEncoding?.('utf8');
    // The head: a panic's message comes first, then possibly pages of backtrace.
    child.stderr?.on('data', (chunk: string | Buffer) => {
      if (stderr.length < STDERR_KEEP) stderr += String(chunk);
    });
    child.on('error', (err) => stop({ kind: 'failed', message: errorText(err) }));
    child.on('close', (code, signal) => {
      const detail = crashDetail(stderr);
      finish({
        kind: 'failed',
        message: `${describeExit(code, signal)}${detail ? `: ${detail}` : ''}`,
      });
    });
    child.on('message', (message) => {
      if (!isWorkerMessage(message)) return;
      switch (message.type) {
        case 'progress':
          options.onProgress?.({ current: message.current, total: message.total });
          return;
        case 'done':
          if (validWeights(message.weights)) {
            stop({ kind: 'done', weights: [...message.weights] }, 'SIGTERM');
          } else stop({ kind: 'failed', message: 'the optimizer returned unusable weights' });
          return;
        case 'unavailable':
          stop(
            {
              kind: 'unavailable',
              message: `the FSRS optimizer is not available on this install (${message.message})`,
            },
            'SIGTERM',
          );
          return;
        case 'error':
          stop({ kind: 'failed', message: `the optimizer failed: ${message.message}` }, 'SIGTERM');
          return;
      }
    });
    try {
      child.send(request);
    } catch (err) {
      stop({ kind: 'failed', message: errorText(err) });
    }
  });
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The useful part of what the child wrote to stderr: a Rust panic's message
 * (the line after "panicked at …"; a long backtrace follows it), else the
 * first line that mentions an error, else the first line (Node's own abort
 * dump comes after whatever the program printed).
 */
export function crashDetail(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const at = lines.findIndex((l) => / panicked at /.test(l));
  const line =
    at >= 0 && lines[at + 1]
      ? `panic: ${lines[at + 1]}`
      : (lines.find((l) => /error/i.test(l)) ?? lines[0] ?? '');
  return line.slice(0, 300);
}

export async function optimize(options: OptimizeOptions): Promise<OptimizeResult> {
  const histories = buildHistories(options.events, options.day);
  const data = dataSize(histories);
  if (data.reviews < MIN_REVIEWS || data.cards < MIN_CARDS) {
    return {
      outcome: 'too-few',
      data,
      reviews: data.reviews,
      message:
        `not enough history yet: ${data.reviews} reviews on a later day than the card's previous one, ` +
        `over ${data.cards} cards (optimizing needs ${MIN_REVIEWS} reviews and ${MIN_CARDS} cards)`,
    };
  }
  const items = toTrainingItems(histories);
  const numRelearningSteps = Math.max(1, options.numRelearningSteps ?? 1);
  const current = options.currentWeights.length > 0 ? options.currentWeights : default_w;
  const before = evaluate(current, items, { numRelearningSteps });

  const outcome = await runWorker(
    options.spawnWorker ?? defaultSpawnWorker,
    { type: 'train', items: packItems(items), enableShortTerm: true, numRelearningSteps },
    options,
  );
  if (outcome.kind !== 'done') {
    return { outcome: outcome.kind, message: outcome.message, data, before };
  }
  const weights = outcome.weights;
  const after = evaluate(weights, items, { numRelearningSteps });
  const better =
    !sameWeights(weights, current) && after.logLoss < before.logLoss && after.rmse <= before.rmse;
  return { outcome: better ? 'improved' : 'not-better', data, before, after, weights };
}
