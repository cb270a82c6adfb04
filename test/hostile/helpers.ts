// Shared tools for the hostile-input suite: a seeded PRNG (runs are
// reproducible) and a time-budget ramp for "parsing cost is linear" checks.

/** The product's own seeded generator (mulberry32), so the inputs are reproducible. */
export { seededRandom as rng } from '../../src/util/random.js';

export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

export const KB = 1024;
export const MB = 1024 * 1024;

/**
 * Runs `work` on inputs of growing size (×4 each step, up to `largest`) and
 * returns a description of the first step that cost super-linear time, or null.
 * A step fails when it is over an absolute budget (generous: the machine may
 * be loaded) and also grew more than 8× over the previous step (linear work
 * grows 4×, quadratic 16×); any step over ten budgets fails outright. So
 * quadratic work fails at 16–64 KB within seconds instead of hanging the suite.
 */
export function overBudget(
  make: (size: number) => string,
  work: (input: string) => unknown,
  largest = MB,
  msPerMegabyte = 4000,
  /** Growth per ×4 step that counts as super-linear: 5 catches O(n·√n) work (8× per step). */
  maxGrowth = 8,
): string | null {
  work(make(1024)); // warm-up: compile the code paths before timing them
  let previous = 0;
  for (let size = 4 * KB; size <= largest; size *= 4) {
    const input = make(size);
    let ms = Number.POSITIVE_INFINITY;
    // The smaller steps are cheap: the best of two runs filters out a busy moment.
    for (let run = 0; run < (size <= 64 * KB ? 2 : 1); run++) {
      // This process's CPU time, not the wall clock: other test files and
      // other programs sharing the cores must not make linear work look quadratic.
      const start = process.cpuUsage();
      work(input);
      const used = process.cpuUsage(start);
      ms = Math.min(ms, (used.user + used.system) / 1000);
    }
    const budget = 300 + (msPerMegabyte * size) / MB;
    const growth = previous > 0 ? ms / previous : 1;
    if ((ms > budget && growth > maxGrowth) || ms > 10 * budget) {
      return `${size} chars took ${ms.toFixed(0)} ms (budget ${budget.toFixed(0)} ms, ${growth.toFixed(1)}× the previous step)`;
    }
    previous = Math.max(ms, 1);
  }
  return null;
}

/** `unit` repeated to about `size` characters. */
export const fill = (unit: string, size: number): string =>
  unit.repeat(Math.max(1, Math.floor(size / unit.length)));
