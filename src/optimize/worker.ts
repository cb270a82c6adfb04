/**
 * The optimizer child process (dist/optimize-worker.js). It is a separate
 * process, not a worker thread, because the native binding can abort the whole
 * process on bad input (a Rust panic: SIGABRT, exit 134), which no try/catch
 * stops; here that only ends this child, and the parent reports it.
 *
 * Protocol (IPC, `child_process.fork`): the parent sends one `TrainRequest`;
 * the child answers with any number of `progress` messages, then exactly one
 * of `done`, `unavailable` (the binding cannot be loaded on this install) or
 * `error`, and exits. It also exits when the parent goes away.
 */
import {
  checkRequest,
  type PackedItems,
  packedCount,
  type TrainRequest,
  type WorkerMessage,
} from './protocol.js';

/** The subset of `@open-spaced-repetition/binding` used here. */
interface Binding {
  FSRSBindingReview: new (rating: number, deltaT: number) => unknown;
  FSRSBindingItem: new (reviews: unknown[]) => { longTermReviewCnt(): number };
  computeParameters(
    items: unknown[],
    options: {
      enableShortTerm: boolean;
      numRelearningSteps?: number;
      progress?: (current: number, total: number) => boolean | undefined;
      timeout?: number;
    },
  ): Promise<number[]>;
}

/** How often (ms) the binding's progress thread polls; it also delays the result by up to this. */
const PROGRESS_POLL_MS = 100;

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

async function loadBinding(): Promise<Binding | string> {
  try {
    // Lazy and external: an optional dependency with a native .node file.
    const mod = (await import('@open-spaced-repetition/binding')) as unknown as Binding;
    if (typeof mod.computeParameters !== 'function') return 'the binding has no computeParameters';
    return mod;
  } catch (err) {
    return firstLine(err);
  }
}

/**
 * Builds the binding's items, re-checking what would make fsrs-rs panic even
 * though the parent already filtered: an item without a review where deltaT > 0.
 */
function bindingItems(binding: Binding, packed: PackedItems): unknown[] {
  // In the order sent (time order of each item's last review: fsrs-rs weights recent ones more).
  const out: unknown[] = new Array(packedCount(packed)).fill(null);
  for (const g of packed.groups) {
    const reviews = g.ratings.map((r, i) => new binding.FSRSBindingReview(r, g.deltaTs[i]!));
    g.lengths.forEach((n, k) => {
      if (n < 2) return;
      const item = new binding.FSRSBindingItem(reviews.slice(0, n));
      if (item.longTermReviewCnt() > 0) out[g.positions[k]!] = item;
    });
  }
  return out.filter((item) => item !== null);
}

async function train(request: TrainRequest): Promise<WorkerMessage> {
  const binding = await loadBinding();
  if (typeof binding === 'string') return { type: 'unavailable', message: binding };
  let lastSent = 0;
  try {
    const items = bindingItems(binding, request.items);
    if (items.length === 0) {
      return { type: 'error', message: 'no usable review history to train on' };
    }
    const weights = await binding.computeParameters(items, {
      enableShortTerm: request.enableShortTerm,
      numRelearningSteps: request.numRelearningSteps,
      timeout: PROGRESS_POLL_MS,
      progress: (current, total) => {
        const now = Date.now();
        if (now - lastSent >= PROGRESS_POLL_MS || current >= total) {
          lastSent = now;
          void send({ type: 'progress', current, total });
        }
        return true;
      },
    });
    return { type: 'done', weights: [...weights], items: items.length };
  } catch (err) {
    return { type: 'error', message: firstLine(err) };
  }
}

function main(): void {
  if (!process.send) {
    process.stderr.write('optimize-worker: run me with child_process.fork (I talk over IPC)\n');
    process.exitCode = 2;
    return;
  }
  // The parent is gone (quit, crashed): nobody wants the result.
  process.on('disconnect', () => process.exit(0));
  process.once('message', async (message: unknown) => {
    const problem = checkRequest(message);
    const reply: WorkerMessage = problem
      ? { type: 'error', message: `bad request: ${problem}` }
      : await train(message as TrainRequest);
    await send(reply);
    process.disconnect();
  });
}

main();
