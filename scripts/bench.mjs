// npm run bench: start-up and parsing figures, each with a baseline measured in
// the same run (these machines are noisy: compare ratios, not absolute times).
// Writes bench/results/latest.json and prints a table.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
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

function timeCommand(args, options = {}, runs = RUNS) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore', ...options });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}`);
  }
  return median(times);
}

/** Time from launch until the review screen's first frame is on a real (tmux) terminal. */
function firstFrame(cwd, installed, dataRoot) {
  // A new tmux server per run: reusing a socket races with the previous server's shutdown.
  let run = 0;
  const tmux = (...a) =>
    execFileSync('tmux', ['-L', `kioku-bench-${process.pid}-${run}`, '-f', '/dev/null', ...a], {
      encoding: 'utf8',
      // has-session and kill-server fail by design once the session ended: not news.
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  // Time until the deck list's total row is on screen; `command` defaults to kioku itself.
  const measure = (
    dataDir,
    where = cwd,
    command = `${process.execPath} ${kioku} --data ${dataDir}`,
  ) => {
    const t0 = process.hrtime.bigint();
    tmux('new-session', '-d', '-s', 'b', '-x', '100', '-y', '30', '-c', where, command);
    for (;;) {
      const screen = tmux('capture-pane', '-p', '-t', 'b');
      // The hint line is drawn last, below a list that may scroll past the total row.
      if (/q quit\s*$/m.test(screen)) break;
      if (Number(process.hrtime.bigint() - t0) / 1e6 > 10_000)
        throw new Error(`no first frame:\n${screen}`);
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    // q, then wait for the exit: the deck cache and the state are written on the way out.
    tmux('send-keys', '-t', 'b', 'q');
    for (let n = 0; n < 200 && dataDir; n++) {
      try {
        tmux('has-session', '-t', 'b');
      } catch {
        break;
      }
      execFileSync('sleep', ['0.02']);
    }
    try {
      tmux('kill-server');
    } catch {}
    run++;
    return ms;
  };
  // Cold: a fresh data dir each run (no deck cache: every deck is parsed).
  const cold = [];
  for (let i = 0; i < RUNS; i++) cold.push(measure(`data-cold-${i}`));
  // The first start after `npm install`: run in the package itself, no data yet;
  // the build's own cache of the bundled decks is all there is.
  const first = [];
  for (let i = 0; i < RUNS; i++)
    first.push(measure(path.join(dataRoot, `data-first-${i}`), installed));
  // Warm: the everyday start, with the parsed-deck cache from an earlier run.
  measure('data-warm');
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(measure('data-warm'));
  // The same measurement for a program that prints at once: the harness's own cost.
  const harness = [];
  const printer = `${process.execPath} -e "console.log('Total 1\\nq quit'); setTimeout(() => {}, 5000)"`;
  for (let i = 0; i < RUNS; i++) harness.push(measure('', cwd, printer));
  return {
    firstFrame: median(times),
    coldFirstFrame: median(cold),
    installFirstFrame: median(first),
    nodeFirstFrame: median(harness),
  };
}

/**
 * Time from launch until `pattern` is on a pseudo-terminal of 100×30 (script(1)
 * makes it; no terminal emulator or screen polling in between, unlike tmux),
 * then q and the exit awaited (the caches are written on the way out).
 */
function ptyFrame(command, cwd, pattern) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(
      'script',
      ['-qfec', `stty cols 100 rows 30; exec ${command}`, '/dev/null'],
      {
        cwd,
        stdio: ['pipe', 'pipe', 'ignore'],
      },
    );
    let out = '';
    let took = 0;
    // Never waits forever: no frame in 20 s, or no exit 10 s after q, is a failure.
    const deadline = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (chunk) => {
      // The raw bytes, styled: the pattern is matched against the text alone.
      out += String(chunk).replace(/\u001B\[[0-9;?]*[ -/]*[@-~]/g, '');
      if (took === 0 && pattern.test(out)) {
        took = Number(process.hrtime.bigint() - t0) / 1e6;
        child.stdin.write('q');
        deadline.refresh();
      }
    });
    child.on('exit', () => {
      clearTimeout(deadline);
      if (took > 0) resolve(took);
      else reject(new Error(`no first frame:\n${out.slice(-2000)}`));
    });
  });
}

/**
 * kioku's first frame on a pseudo-terminal against bare node printing a line
 * under the same harness, run alternately (medians, and their ratio).
 */
async function ptyPaired(command, cwd, pattern, runs = RUNS) {
  const bareLine = `${process.execPath} -e "console.log('q quit')"`;
  await ptyFrame(command, cwd, pattern); // the caches and the start-up index, as any earlier session
  const own = [];
  const bare = [];
  for (let i = 0; i < runs; i++) {
    bare.push(await ptyFrame(bareLine, cwd, /q quit/));
    own.push(await ptyFrame(command, cwd, pattern));
  }
  return { ms: ms(median(own)), bare: ms(median(bare)), ratio: ms(median(own) / median(bare)) };
}

let tmuxServers = 0;
/** Median time to the first frame (tmux, 100×30) of `command`, over `runs` runs. */
function tmuxFrames(command, cwd, runs = RUNS) {
  const times = [];
  for (let run = 0; run < runs; run++) {
    const socket = `kioku-scale-${process.pid}-${tmuxServers++}`;
    const tmux = (...a) =>
      execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...a], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    const t0 = process.hrtime.bigint();
    tmux('new-session', '-d', '-s', 'b', '-x', '100', '-y', '30', '-c', cwd, command);
    for (;;) {
      let screen;
      try {
        screen = tmux('capture-pane', '-p', '-t', 'b');
      } catch {
        const log = path.join(cwd, 'stderr.txt');
        throw new Error(
          `${command} ended before its first frame: ${existsSync(log) ? readFileSync(log, 'utf8') : ''}`,
        );
      }
      // 50 decks do not fit in 30 rows: the footer, the frame's last line, marks it.
      if (/Deck +New[\s\S]*q quit/.test(screen)) break;
      if (Number(process.hrtime.bigint() - t0) / 1e6 > 20_000)
        throw new Error(`no first frame:\n${screen}`);
    }
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    tmux('send-keys', '-t', 'b', 'q');
    for (let n = 0; n < 500; n++) {
      try {
        tmux('has-session', '-t', 'b');
      } catch {
        break;
      }
      execFileSync('sleep', ['0.02']);
    }
    try {
      tmux('kill-server');
    } catch {}
  }
  return median(times);
}

/** Peak memory (maxRSS, MB) of one `node args` process. */
function peakMB(args, before = () => {}) {
  const rss =
    "data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss '+process.resourceUsage().maxRSS+'\\n'))";
  const peaks = [];
  for (let i = 0; i < Math.min(RUNS, 5); i++) {
    before();
    const r = spawnSync(process.execPath, ['--import', rss, ...args], { encoding: 'utf8' });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')}: ${r.stderr}`);
    peaks.push(Number(/maxrss (\d+)/.exec(r.stderr)[1]) / 1024);
  }
  return median(peaks);
}

/**
 * Times `once()` RUNS times, each run right after a run of bare node: on a
 * machine shared with other work the load drifts by seconds, so each figure is
 * compared with a baseline taken in the same moments. Returns both medians.
 */
function paired(once) {
  const own = [];
  const bare = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(timeCommand(['-e', ''], {}, 1));
    own.push(once());
  }
  return { ms: ms(median(own)), bare: ms(median(bare)), ratio: ms(median(own) / median(bare)) };
}

/**
 * A long-time user: 50 decks of 200 cards with explicit ids, 100,000 answers over
 * eleven months (scripts/gen-scale.ts), the state rebuilt first. Every figure is
 * a ratio to bare node timed alongside it (see `paired`).
 */
async function scaleCase(f) {
  const dir = path.join(tmp, 'scale');
  const decks = path.join(dir, 'decks');
  const data = path.join(dir, 'data');
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  const gen = inProcess(`
    const { generateScale } = await import(${JSON.stringify(lib)});
    console.log(JSON.stringify(await generateScale(${JSON.stringify(decks)}, ${JSON.stringify(data)}, { end: new Date(${today.getTime()}) })));`);
  f.scaleCards = gen.cards;
  f.scaleAnswers = gen.answers;
  f.scaleLogMB = ms(gen.bytes / 1e6);
  execFileSync(process.execPath, [kioku, 'rebuild', '--decks', decks, '--data', data], {
    stdio: 'ignore',
  });
  // Its complaints, if any, end up in the error thrown when no frame appears.
  const home = `${process.execPath} ${kioku} --decks ${decks} --data ${data} 2>>${path.join(dir, 'stderr.txt')}`;
  // One start to write the deck cache and the start-up index, as any earlier session would.
  tmuxFrames(home, dir, 1);
  const frame = paired(() => tmuxFrames(home, dir, 1));
  const pty = await ptyPaired(
    `${process.execPath} ${kioku} --decks ${decks} --data ${data}`,
    dir,
    /Deck +New[\s\S]*q quit/,
  );
  // The harness's own cost: a node one-liner that prints the frame's last line at once.
  const printer = `${process.execPath} -e "console.log('Deck New q quit'); setTimeout(() => {}, 5000)"`;
  const harness = paired(() => tmuxFrames(printer, dir, 1));
  const dueArgs = [kioku, 'due', '--json', '--decks', decks, '--data', data];
  const due = paired(() => timeCommand(dueArgs, {}, 1));
  const check = [kioku, 'check', decks, '--json', '--decks', decks, '--data', data];
  const cache = path.join(data, 'decks-cache.json');
  const result = path.join(data, 'check-cache.json');
  const cold = paired(() => {
    rmSync(cache, { force: true });
    rmSync(result, { force: true });
    return timeCommand(check, {}, 1);
  });
  timeCommand(check, {}, 1);
  // The deck cache warm, the last result not usable (another deck file changed, say).
  const warmParse = paired(() => {
    rmSync(result, { force: true });
    return timeCommand(check, {}, 1);
  });
  timeCommand(check, {}, 1);
  // Nothing changed since the last check: its result is printed again.
  const warm = paired(() => timeCommand(check, {}, 1));
  Object.assign(f, {
    scaleFirstFrame: frame.ms,
    scaleFirstFrameBare: frame.bare,
    scaleFirstFrameRatio: frame.ratio,
    scalePtyFrame: pty.ms,
    scalePtyBare: pty.bare,
    scalePtyRatio: pty.ratio,
    scaleHarness: harness.ms,
    scaleHarnessRatio: harness.ratio,
    scaleDue: due.ms,
    scaleDueBare: due.bare,
    scaleDueRatio: due.ratio,
    scaleCheckCold: cold.ms,
    scaleCheckColdBare: cold.bare,
    scaleCheckColdRatio: cold.ratio,
    scaleCheckWarmParse: warmParse.ms,
    scaleCheckWarmParseBare: warmParse.bare,
    scaleCheckWarmParseRatio: warmParse.ratio,
    scaleCheckWarm: warm.ms,
    scaleCheckWarmBare: warm.bare,
    scaleCheckWarmRatio: warm.ratio,
  });
  f.scaleCheckPeakMB = ms(peakMB(check));
  f.scaleDuePeakMB = ms(peakMB(dueArgs));
  // Without the start-up index (the first start of a day): the state is read.
  f.scaleDueNoIndexPeakMB = ms(
    peakMB(dueArgs, () => rmSync(path.join(data, 'start-index.json'), { force: true })),
  );
  f.bareNodePeakMB = ms(peakMB(['-e', '']));
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
const lib = path.join(tmp, 'lib.mjs');
execFileSync(path.join(root, 'node_modules', '.bin', 'esbuild'), [
  path.join(root, 'scripts', 'bench-lib.ts'),
  '--bundle',
  '--platform=node',
  '--format=esm',
  `--outfile=${lib}`,
  '--log-level=warning',
  "--banner:js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
]);

/** Runs a module script in a fresh node and returns its stdout parsed as JSON. */
function inProcess(script, args = []) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  return JSON.parse(out);
}

/** A data/ with `cards` cards and `reviews` answers spread over the past year (fabricated memory, no scheduler: fast). */
function generatedData(dir, deckDir, cards, reviews, devices = 0) {
  mkdirSync(dir, { recursive: true });
  // With devices, the reviews go round-robin to log/<device-id>.jsonl, one file per device.
  const files =
    devices === 0
      ? [path.join(dir, 'reviews.jsonl')]
      : Array.from({ length: devices }, (_, d) =>
          path.join(dir, 'log', `${String(d + 1).padStart(16, '0')}.jsonl`),
        );
  if (devices > 0) mkdirSync(path.join(dir, 'log'), { recursive: true });
  const script = `
    const { loadDecks } = await import(${JSON.stringify(lib)});
    const fs = await import('node:fs');
    const set = await loadDecks({ root: ${JSON.stringify(deckDir)} });
    const ids = set.cards.map((c) => [c.id, c.deck, c.kind, c.identityKey, c.identityText.slice(0, 200)]);
    const outs = ${JSON.stringify(files)}.map((f) => fs.openSync(f, 'w'));
    const start = Date.parse('2025-11-01T00:00:00Z');
    const span = Date.parse('2026-11-01T00:00:00Z') - start;
    const pending = outs.map(() => []);
    const perCard = new Map();
    for (let i = 0; i < ${reviews}; i++) {
      const [id, deck, kind, key, text] = ids[i % Math.min(ids.length, ${cards})];
      const at = new Date(start + Math.floor((i / ${reviews}) * span));
      const before = perCard.get(id) ?? null;
      const due = new Date(at.getTime() + ((i * 7919) % 60) * 86400000).toISOString();
      const memory = { due, stability: 1 + (i % 90), difficulty: 1 + (i % 9), scheduledDays: i % 60, learningSteps: 0, reps: (before?.reps ?? 0) + 1, lapses: i % 3, state: 2, lastReview: at.toISOString() };
      perCard.set(id, memory);
      const lines = pending[i % outs.length];
      lines.push(JSON.stringify({ v: 1, id: at.getTime().toString(36) + '-' + i.toString(36), at: at.toISOString(), type: 'answer', card: id, deck, kind, key, text, rating: 1 + (i % 4), ms: 4000, before, after: memory }));
      if (lines.length === 10000) { fs.writeSync(outs[i % outs.length], lines.join('\\n') + '\\n'); lines.length = 0; }
    }
    pending.forEach((lines, k) => { if (lines.length) fs.writeSync(outs[k], lines.join('\\n') + '\\n'); fs.closeSync(outs[k]); });
    console.log(JSON.stringify({ bytes: ${JSON.stringify(files)}.reduce((n, f) => n + fs.statSync(f).size, 0) }));`;
  return inProcess(script);
}

try {
  // BENCH_ONLY=scale runs only the 10,000-card case (a quicker check while working).
  if (process.env.BENCH_ONLY === 'scale') {
    await scaleCase(results.figures);
    throw 'done';
  }
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
    const { loadDecks } = await import(${JSON.stringify(lib)});
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

  // Typed-answer checking: every pair of the kubectl development sample, each
  // compared many times in one process; the median time of one comparison.
  const typedScript = `
    const { compareTyped } = await import(${JSON.stringify(lib)});
    const fs = await import('node:fs');
    const pairs = fs.readFileSync(${JSON.stringify(path.join(root, '..', 'shared', 'typed', 'kubectl-dev-pairs.jsonl'))}, 'utf8')
      .trim().split('\\n').map((l) => JSON.parse(l));
    for (const p of pairs) compareTyped(p.typed, p.expected); // warm-up
    const times = [];
    for (let round = 0; round < 20; round++)
      for (const p of pairs) {
        const t0 = performance.now();
        compareTyped(p.typed, p.expected);
        times.push(performance.now() - t0);
      }
    times.sort((a, b) => a - b);
    console.log(JSON.stringify({ pairs: pairs.length, p50: times[times.length >> 1], p99: times[Math.floor(times.length * 0.99)] }));`;
  const typed = inProcess(typedScript);
  results.figures.typedPairs = typed.pairs;
  results.figures.typedCompareP50 = Math.round(typed.p50 * 1000) / 1000;
  results.figures.typedCompareP99 = Math.round(typed.p99 * 1000) / 1000;

  // Start-up on the bundled decks.
  results.figures.checkBundled = ms(
    timeCommand([kioku, 'check', '--decks', path.join(root, 'decks')]),
  );
  const repo = path.join(tmp, 'repo');
  mkdirSync(repo);
  execFileSync('cp', ['-r', path.join(root, 'decks'), repo]);
  const frame = firstFrame(repo, root, tmp);
  results.figures.firstFrame = ms(frame.firstFrame);
  results.figures.coldFirstFrame = ms(frame.coldFirstFrame);
  results.figures.installFirstFrame = ms(frame.installFirstFrame);
  results.figures.installFirstFrameRatio = ms(frame.installFirstFrame / bare);
  results.figures.coldFirstFrameRatio = ms(frame.coldFirstFrame / bare);
  results.figures.harnessFirstFrame = ms(frame.nodeFirstFrame);
  results.figures.firstFrameRatio = ms(frame.firstFrame / bare);
  const pty = await ptyPaired(
    `${process.execPath} ${kioku} --data ${path.join(tmp, 'data-pty')}`,
    repo,
    /q quit\s*$/m,
  );
  results.figures.ptyFrame = pty.ms;
  results.figures.ptyBare = pty.bare;
  results.figures.ptyRatio = pty.ratio;

  // The engine at scale: 10,000 cards, 100,000 logged reviews.
  const scaleDecks = path.join(parseDir, 'decks');
  const data = path.join(tmp, 'data-100k');
  const gen = generatedData(data, scaleDecks, 10_000, 100_000);
  results.figures.log100kMB = ms(gen.bytes / 1e6);
  // First open replays the log and writes state.json; then time warm opens.
  const loadScript = `
    const { openStore } = await import(${JSON.stringify(lib)});
    const first = await openStore({ dir: ${JSON.stringify(data)} });
    await first.close();
    const times = [];
    for (let i = 0; i < ${RUNS}; i++) {
      const t0 = performance.now();
      const s = await openStore({ dir: ${JSON.stringify(data)} });
      times.push(performance.now() - t0);
      await s.close();
    }
    times.sort((a, b) => a - b);
    console.log(JSON.stringify({ median: times[Math.floor(times.length / 2)] }));`;
  results.figures.stateLoad = ms(inProcess(loadScript).median);

  // The same reviews as three devices' logs (log/<device-id>.jsonl): warm opens,
  // and the full replay of the first open, against the single file.
  const data3 = path.join(tmp, 'data-100k-3dev');
  generatedData(data3, scaleDecks, 10_000, 100_000, 3);
  const replayScript = (dir) => `
    const { openStore } = await import(${JSON.stringify(lib)});
    const fs = await import('node:fs');
    const times = [];
    for (let i = 0; i < 3; i++) {
      fs.rmSync(${JSON.stringify(path.join(dir, 'state.json'))}, { force: true });
      const t0 = performance.now();
      const s = await openStore({ dir: ${JSON.stringify(dir)} });
      times.push(performance.now() - t0);
      await s.close();
    }
    times.sort((a, b) => a - b);
    console.log(JSON.stringify({ median: times[1] }));`;
  results.figures.replay100k = ms(inProcess(replayScript(data)).median);
  results.figures.replay100k3 = ms(inProcess(replayScript(data3)).median);
  results.figures.stateLoad3 = ms(
    inProcess(loadScript.replaceAll(JSON.stringify(data), JSON.stringify(data3))).median,
  );

  const answerScript = `
    const lib = await import(${JSON.stringify(lib)});
    const files = await lib.listDeckFiles({ root: ${JSON.stringify(scaleDecks)} });
    const set = await lib.parseDeckFiles(files);
    const store = await lib.openStore({ dir: ${JSON.stringify(data)} });
    // As a review session does: remember the decks, so \`kioku due\` need not parse them.
    store.saveDeckRegistry(lib.registryOf(set, files.files, files.root));
    const settings = lib.DEFAULT_SETTINGS;
    const day = { timeZone: 'UTC', rolloverHour: 4 };
    const study = lib.createStudy({ decks: set, store, settings, day, relink: false, now: new Date() });
    const times = [];
    const now = new Date('2026-11-02T12:00:00Z');
    for (let i = 0; i < 1000; i++) {
      const card = set.cards[(i * 37) % set.cards.length];
      const at = new Date(now.getTime() + i * 1000);
      const t0 = performance.now();
      study.answer(card, study.memory(card), 3, 1000, at);
      times.push(performance.now() - t0);
    }
    await store.close();
    times.sort((a, b) => a - b);
    console.log(JSON.stringify({ p50: times[500], p99: times[990] }));`;
  const answers = inProcess(answerScript);
  results.figures.answerP50 = ms(answers.p50);
  results.figures.answerP99 = ms(answers.p99);

  results.figures.due = ms(timeCommand([kioku, 'due', '--decks', scaleDecks, '--data', data]));
  results.figures.dueRatio = ms(results.figures.due / bare);

  // `kioku import anki` of the largest real Anki file in ../shared/anki (beside the clone;
  // never copied into the repository), whole process, each run into an empty folder.
  const ankiDir = [
    path.join(root, '..', 'shared', 'anki'),
    path.join(root, '..', '..', 'shared', 'anki'),
  ].find((d) => existsSync(d));
  if (ankiDir) {
    const [largest] = readdirSync(ankiDir)
      .filter((f) => /\.(apkg|colpkg|anki2)$/.test(f))
      .map((f) => ({ f, size: statSync(path.join(ankiDir, f)).size }))
      .sort((a, b) => b.size - a.size);
    const times = [];
    for (let i = 0; i < Math.min(RUNS, 5); i++) {
      const dir = path.join(tmp, `anki-${i}`);
      mkdirSync(path.join(dir, 'decks'), { recursive: true });
      const args = [kioku, 'import', 'anki', path.join(ankiDir, largest.f)];
      const t0 = process.hrtime.bigint();
      const r = spawnSync(
        process.execPath,
        [...args, '--decks', path.join(dir, 'decks'), '--data', path.join(dir, 'data')],
        {
          stdio: 'ignore',
        },
      );
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (r.status !== 0) throw new Error(`kioku import anki ${largest.f} exited ${r.status}`);
    }
    results.figures.ankiImport = ms(median(times));
    results.figures.ankiImportFile = `${largest.f}, ${Math.round(largest.size / 1024)} KB`;
  }

  // Rebuild a 1,000,000-line log, with peak memory (maxRSS) of the whole process.
  const big = path.join(tmp, 'data-1m');
  const bigGen = generatedData(big, scaleDecks, 10_000, 1_000_000);
  results.figures.log1mMB = ms(bigGen.bytes / 1e6);
  const rss =
    "data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss '+process.resourceUsage().maxRSS+'\\n'))";
  const t0 = process.hrtime.bigint();
  const rebuilt = spawnSync(
    process.execPath,
    ['--import', rss, kioku, 'rebuild', '--decks', scaleDecks, '--data', big],
    { encoding: 'utf8' },
  );
  results.figures.rebuild1m = ms(Number(process.hrtime.bigint() - t0) / 1e6);
  if (rebuilt.status !== 0) throw new Error(`rebuild failed: ${rebuilt.stderr}`);
  results.figures.rebuildPeakMB = ms(Number(/maxrss (\d+)/.exec(rebuilt.stderr)[1]) / 1024);

  await scaleCase(results.figures);
} catch (err) {
  if (err !== 'done') throw err;
} finally {
  // BENCH_KEEP=1 keeps the generated decks and data, to profile a command on them.
  if (process.env.BENCH_KEEP) console.error(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}

mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
writeFileSync(
  path.join(root, 'bench', 'results', 'latest.json'),
  `${JSON.stringify(results, null, 2)}\n`,
);
const f = results.figures;
const scaleTable = `${f.scaleCards} cards in 50 decks, ${f.scaleAnswers} answers (${f.scaleLogMB} MB log), the state rebuilt first; each figure against bare node run alternately with it (its median in brackets)
| measure | median | budget |
|---|---|---|
| first frame of the deck list, pseudo-terminal 100×30, against bare node printing a line on one [its median] | ${f.scalePtyFrame} ms [${f.scalePtyBare}] = ${f.scalePtyRatio}× | ≤ 2× |
| first frame of the deck list (tmux, 100×30), against bare \`node -e ''\` | ${f.scaleFirstFrame} ms [${f.scaleFirstFrameBare}] = ${f.scaleFirstFrameRatio}× | — |
| tmux harness alone, a node one-liner printing the frame's last line | ${f.scaleHarness} ms = ${f.scaleHarnessRatio}× | — |
| \`kioku due --json\` | ${f.scaleDue} ms [${f.scaleDueBare}] = ${f.scaleDueRatio}× | ≤ 1.5× |
| \`kioku check DIR --json\`, no deck cache | ${f.scaleCheckCold} ms [${f.scaleCheckColdBare}] = ${f.scaleCheckColdRatio}× | — |
| \`kioku check DIR --json\`, deck cache warm, last result not usable | ${f.scaleCheckWarmParse} ms [${f.scaleCheckWarmParseBare}] = ${f.scaleCheckWarmParseRatio}× | — |
| \`kioku check DIR --json\`, nothing changed since the last check | ${f.scaleCheckWarm} ms [${f.scaleCheckWarmBare}] = ${f.scaleCheckWarmRatio}× | ≤ 2× |
| peak memory (maxRSS): bare node / \`due\` / \`due\` without the index / \`check\` | ${f.bareNodePeakMB} / ${f.scaleDuePeakMB} / ${f.scaleDueNoIndexPeakMB} / ${f.scaleCheckPeakMB} MB | due ≤ 60 MB |`;
if (process.env.BENCH_ONLY === 'scale') {
  console.log(scaleTable);
  process.exit(0);
}
console.log(`kioku bench — ${results.node}, median of ${RUNS} runs
| measure | median | budget |
|---|---|---|
| bare \`node -e ''\` (baseline) | ${f.bareNode} ms | — |
| parse ${f.generatedCards} generated cards (in process) | ${f.parse10k} ms | < 200 ms |
| \`kioku check\` on the bundled decks (whole process) | ${f.checkBundled} ms | — |
| first frame of the deck list, pseudo-terminal 100×30, everyday start [bare node printing a line on one] | ${f.ptyFrame} ms [${f.ptyBare}] = ${f.ptyRatio}× | < 3× |
| first frame of the deck list (tmux), everyday start | ${f.firstFrame} ms (${f.firstFrameRatio}× bare node) | < 3× bare node |
| first frame, first start after install (the build's deck cache) | ${f.installFirstFrame} ms (${f.installFirstFrameRatio}× bare node) | < 3× bare node |
| first frame, decks never parsed before (copied elsewhere) | ${f.coldFirstFrame} ms (${f.coldFirstFrameRatio}× bare node) | — |
| same harness, a node one-liner printing at once | ${f.harnessFirstFrame} ms | — |
| state load, 10,000 cards / 100,000 reviews (${f.log100kMB} MB log) | ${f.stateLoad} ms | < 150 ms |
| state load, the same reviews in 3 device logs | ${f.stateLoad3} ms | < 150 ms |
| full replay at open (no state file), 1 log / 3 device logs | ${f.replay100k} / ${f.replay100k3} ms | — |
| answer commit (scheduler + fsynced append), p50 / p99 of 1,000 | ${f.answerP50} / ${f.answerP99} ms | p99 < 20 ms |
| typed-answer check, one comparison, p50 / p99 over ${f.typedPairs} kubectl pairs × 20 | ${f.typedCompareP50} / ${f.typedCompareP99} ms | p50 < 1 ms |
| \`kioku due\` on that data (whole process) | ${f.due} ms (${f.dueRatio}× bare node) | < 3× bare node |
| \`kioku rebuild\` of 1,000,000 log lines (${f.log1mMB} MB) | ${f.rebuild1m} ms | < 10,000 ms |
| peak memory of that rebuild (maxRSS) | ${f.rebuildPeakMB} MB | < 200 MB |
| \`kioku import anki\`, largest file in ../shared/anki (${f.ankiImportFile ?? 'not found'}) | ${f.ankiImport ?? '—'} ms | — |

${scaleTable}`);
