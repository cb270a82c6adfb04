// Fails when the modules under src/ import each other in a cycle. `import type` counts: a type-only
// cycle still means two modules each need the other to be understood, which is what this guards.
// Dynamic `import()` counts too. Prints every cycle found (one per strongly connected component).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? 'src');

function listSources(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listSources(full));
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

// Static `import … from '…'`, `export … from '…'`, side-effect `import '…'` and `import('…')`.
// Comments are stripped first so an example in a comment does not count.
const SPECIFIER =
  /(?:\bimport\s+(?:type\s+)?[^'";]*?\bfrom\s*|\bexport\s+(?:type\s+)?[^'";]*?\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

function resolveLocal(from, spec) {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  const stem = base.replace(/\.(m?js|jsx)$/, '');
  const candidates = [
    base,
    `${stem}.ts`,
    `${stem}.tsx`,
    `${stem}.mts`,
    path.join(base, 'index.ts'),
  ];
  return candidates.find((c) => {
    try {
      return statSync(c).isFile();
    } catch {
      return false;
    }
  });
}

const files = listSources(root);
const graph = new Map();
for (const file of files) {
  const deps = new Set();
  for (const m of stripComments(readFileSync(file, 'utf8')).matchAll(SPECIFIER)) {
    const target = resolveLocal(file, m[1]);
    if (target && target !== file) deps.add(target);
  }
  graph.set(
    file,
    [...deps].filter((d) => graph.has(d) || files.includes(d)),
  );
}

// Tarjan's strongly connected components; any component of size > 1 is a cycle.
let index = 0;
const stack = [];
const onStack = new Set();
const idx = new Map();
const low = new Map();
const components = [];
function connect(v) {
  idx.set(v, index);
  low.set(v, index);
  index++;
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!idx.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const comp = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      comp.push(w);
    } while (w !== v);
    if (comp.length > 1) components.push(comp);
  }
}
for (const f of files) if (!idx.has(f)) connect(f);

// For each component print one concrete cycle: a shortest path back to its first member.
function cycleIn(comp) {
  const members = new Set(comp);
  const start = [...comp].sort()[0];
  const prev = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift();
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const pathBack = [v];
        for (let p = prev.get(v); p !== undefined; p = prev.get(p)) pathBack.unshift(p);
        return [...pathBack, start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return comp;
}

const rel = (f) => path.relative(process.cwd(), f);
if (components.length > 0) {
  console.error(`Import cycles in ${rel(root)}/ (type-only imports included):`);
  for (const comp of components) {
    console.error(`  ${cycleIn(comp).map(rel).join(' -> ')}`);
    if (comp.length > cycleIn(comp).length - 1) {
      console.error(
        `    (${comp.length} modules in this tangle: ${comp.map(rel).sort().join(', ')})`,
      );
    }
  }
  process.exit(1);
}
console.log(`No import cycles among ${files.length} modules in ${rel(root)}/.`);
