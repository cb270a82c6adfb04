// npm run bench: start-up and parsing figures, each with a baseline measured in
// the same run (these machines are noisy: compare ratios, not absolute times).
// Writes bench/results/latest.json and prints a table.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kioku = path.join(root, 'dist', 'kioku.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (n) => Math.round(n * 10) / 10;

function timeCommand(args, options = {}) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore', ...options });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}`);
  }
  return median(times);
}

/** Time from launch until the review screen's first frame is on a real (tmux) terminal. */
function firstFrame(cwd) {
  // A new tmux server per run: reusing a socket races with the previous server's shutdown.
  let run = 0;
  const tmux = (...a) =>
    execFileSync('tmux', ['-L', `kioku-bench-${process.pid}-${run}`, '-f', '/dev/null', ...a], {
      encoding: 'utf8',
    });
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    // A fresh data dir per run: every run shows the same first screen.
    tmux(
      'new-session',
      '-d',
      '-s',
      'b',
      '-x',
      '100',
      '-y',
      '30',
      '-c',
      cwd,
      `${process.execPath} ${kioku} --data data-${i}`,
    );
    for (;;) {
      const screen = tmux('capture-pane', '-p', '-t', 'b');
      if (/New \d+/.test(screen)) break;
      if (Number(process.hrtime.bigint() - t0) / 1e6 > 10_000)
        throw new Error(`no first frame:\n${screen}`);
    }
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    tmux('kill-server');
    run++;
  }
  // The same measurement for a program that prints at once: the harness's own cost.
  const harness = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    tmux(
      'new-session',
      '-d',
      '-s',
      'b',
      '-x',
      '100',
      '-y',
      '30',
      '-c',
      cwd,
      `${process.execPath} -e "console.log('New 1'); setTimeout(() => {}, 5000)"`,
    );
    for (;;) {
      if (/New \d+/.test(tmux('capture-pane', '-p', '-t', 'b'))) break;
    }
    harness.push(Number(process.hrtime.bigint() - t0) / 1e6);
    tmux('kill-server');
    run++;
  }
  return { firstFrame: median(times), nodeFirstFrame: median(harness) };
}

function generatedDecks(dir, cards) {
  const perFile = 500;
  for (let f = 0; f * perFile < cards; f++) {
    const lines = ['---', `title: Generated ${f}`, 'lang: en', '---', ''];
    for (let i = f * perFile; i < Math.min(cards, (f + 1) * perFile); i++) {
      if (i % 50 === 0) lines.push(`## Section ${i / 50}`, '');
      const k = i % 4;
      if (k === 0)
        lines.push(`Q: Generated question number ${i} about pods?`, `A: Answer ${i}`, '');
      else if (k === 1)
        lines.push(
          `T: Scale deployment web${i} to 3`,
          `A: \`kubectl scale deployment web${i} --replicas=3\``,
          '',
          'Explanation line.',
          '',
        );
      else if (k === 2) lines.push(`C: Card ${i}: the {{answer ${i}::hint}} is here`, '');
      else
        lines.push(
          `Q: Multi-line ${i}`,
          'A: First line',
          '',
          '```yaml',
          `name: x${i}`,
          'image: {{ .Values.image }}',
          '```',
          '',
        );
    }
    writeFileSync(
      path.join(dir, 'decks', `gen-${String(f).padStart(3, '0')}.md`),
      lines.join('\n'),
    );
  }
}

const results = { date: new Date().toISOString(), node: process.version, runs: RUNS, figures: {} };
const tmp = mkdtempSync(path.join(os.tmpdir(), 'kioku-bench-'));
try {
  const bare = timeCommand(['-e', '']);
  results.figures.bareNode = ms(bare);

  // Parsing: 10,000 generated cards, timed inside one process (no start-up cost).
  const parseDir = path.join(tmp, 'parse');
  mkdirSync(path.join(parseDir, 'decks'), { recursive: true });
  generatedDecks(parseDir, 10_000);
  const check = spawnSync(
    process.execPath,
    [kioku, 'check', '--json', '--decks', path.join(parseDir, 'decks')],
    { encoding: 'utf8' },
  );
  results.figures.generatedCards = JSON.parse(check.stdout).cards;
  const parseScript = `
    const { loadDecks } = await import(${JSON.stringify(path.join(tmp, 'load.mjs'))});
    const times = [];
    for (let i = 0; i < ${RUNS}; i++) {
      const t0 = performance.now();
      await loadDecks({ root: ${JSON.stringify(path.join(parseDir, 'decks'))} });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(times[Math.floor(times.length / 2)]);`;
  execFileSync(path.join(root, 'node_modules', '.bin', 'esbuild'), [
    path.join(root, 'src', 'deck', 'load.ts'),
    '--bundle',
    '--platform=node',
    '--format=esm',
    `--outfile=${path.join(tmp, 'load.mjs')}`,
    '--log-level=warning',
    "--banner:js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  ]);
  results.figures.parse10k = ms(
    Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', parseScript], {
        encoding: 'utf8',
      }),
    ),
  );

  // Start-up on the bundled decks.
  results.figures.checkBundled = ms(
    timeCommand([kioku, 'check', '--decks', path.join(root, 'decks')]),
  );
  const repo = path.join(tmp, 'repo');
  mkdirSync(repo);
  execFileSync('cp', ['-r', path.join(root, 'decks'), repo]);
  const frame = firstFrame(repo);
  results.figures.firstFrame = ms(frame.firstFrame);
  results.figures.harnessFirstFrame = ms(frame.nodeFirstFrame);
  results.figures.firstFrameRatio = ms(frame.firstFrame / bare);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
writeFileSync(
  path.join(root, 'bench', 'results', 'latest.json'),
  `${JSON.stringify(results, null, 2)}\n`,
);
const f = results.figures;
console.log(`kioku bench — ${results.node}, median of ${RUNS} runs
| measure | median | budget |
|---|---|---|
| bare \`node -e ''\` (baseline) | ${f.bareNode} ms | — |
| parse ${f.generatedCards} generated cards (in process) | ${f.parse10k} ms | < 200 ms |
| \`kioku check\` on the bundled decks (whole process) | ${f.checkBundled} ms | — |
| first frame of the review screen (tmux) | ${f.firstFrame} ms (${f.firstFrameRatio}× bare node) | < 3× bare node |
| same harness, a node one-liner printing at once | ${f.harnessFirstFrame} ms | — |`);
