// Bundles the CLI with esbuild: one file for the commands plus a lazily loaded
// chunk for the Ink UI, so `kioku check` never pays for importing React.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
// Identifies the deck parser's code: a parsed-deck cache from another parser is never used.
// The parser is src/deck/; the domain model (card shape, settings, exam domains) shapes its output.
const parserSources = ['deck', 'model']
  .flatMap((dir) => readdirSync(path.join(root, 'src', dir)).map((f) => path.join('src', dir, f)))
  .filter((f) => f.endsWith('.ts'))
  .sort();
const parserHash = createHash('sha256');
for (const f of parserSources) parserHash.update(readFileSync(path.join(root, f)));

// Build beside dist/ and swap it in, so a program (or test) running from dist/
// never sees it half-written or missing.
const out = path.join(root, `dist.tmp-${process.pid}`);
const old = path.join(root, `dist.old-${process.pid}`);
await rm(out, { recursive: true, force: true });
const parserBuild = parserHash.digest('hex').slice(0, 12);

await build({
  absWorkingDir: root,
  entryPoints: { kioku: 'src/cli/main.ts', 'optimize-worker': 'src/optimize/worker.ts' },
  // The optimizer is a native addon, loaded (if installed) only by the worker; sql.js
  // loads its WebAssembly from beside its own files, so it stays in node_modules.
  external: ['@open-spaced-repetition/binding', 'sql.js'],
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  define: {
    KIOKU_VERSION: JSON.stringify(pkg.version),
    KIOKU_PARSER_HASH: JSON.stringify(parserBuild),
    'process.env.NODE_ENV': '"production"',
  },
  alias: { 'react-devtools-core': './scripts/stubs/react-devtools-core.js' },
  banner: {
    // Bundled CommonJS dependencies call require(); ESM output has none of its own.
    js: "#!/usr/bin/env node\nimport { createRequire as __kiokuCreateRequire } from 'node:module';\nconst require = __kiokuCreateRequire(import.meta.url);",
  },
});

// The parsed bundled decks, for the very first start (see scripts/seed-cache.ts).
const seed = path.join(out, 'seed-cache.mjs');
await build({
  absWorkingDir: root,
  entryPoints: ['scripts/seed-cache.ts'],
  outfile: seed,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __kiokuCreateRequire } from 'node:module';\nconst require = __kiokuCreateRequire(import.meta.url);",
  },
});
execFileSync(process.execPath, [seed, root, out, parserBuild], { stdio: 'ignore' });
await rm(seed);

await rename(path.join(root, 'dist'), old).catch(() => {});
await rename(out, path.join(root, 'dist'));
await rm(old, { recursive: true, force: true });
