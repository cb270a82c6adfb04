// kubectl command lines read the way kubectl reads them: cobra finds the
// (sub)command among the words, pflag parses the flags (`--f=v`, `--f v`,
// `-fv`, `-f=v`, `-f v`, combined boolean shorthands, `--` ending the flags,
// no-option defaults), and each command reads its positional arguments. Both
// sides become a canonical form (command path, flags with canonical values,
// positional units) that is compared part by part. Pure; tables in
// kubectlTables.ts.

import { align, expectedKind, type Kind, type Mark, typedKind } from './align.js';
import {
  type ArgSpec,
  COMMANDS,
  type CommandDef,
  type FlagDef,
  GLOBAL_FLAGS,
  RESOURCE_TYPES,
  readFlag,
  type ValueKind,
} from './kubectlTables.js';
import type { Token } from './tokenize.js';
import type { InvalidReason, Note } from './types.js';

// ---------------------------------------------------------------------------
// Tables, indexed once

interface FlagSet {
  readonly long: ReadonlyMap<string, FlagDef>;
  readonly short: ReadonlyMap<string, FlagDef>;
}

interface Node {
  readonly def: CommandDef;
  readonly flags: FlagSet;
  readonly children: ReadonlyMap<string, Node>;
}

const GLOBALS = GLOBAL_FLAGS.map(readFlag);

function flagSet(local: readonly FlagDef[]): FlagSet {
  const long = new Map<string, FlagDef>();
  const short = new Map<string, FlagDef>();
  // A command's own flag shadows a global one of the same name (cobra merges
  // the persistent flags only where the name is free).
  for (const f of [...local, ...GLOBALS]) {
    if (long.has(f.name)) continue;
    long.set(f.name, f);
    if (f.short && !short.has(f.short)) short.set(f.short, f);
  }
  return { long, short };
}

function node(def: CommandDef): Node {
  const children = new Map<string, Node>();
  for (const sub of def.sub) {
    const n = node(sub);
    for (const name of [sub.name, ...sub.aliases]) children.set(name, n);
  }
  return { def, flags: flagSet(def.flags.map(readFlag)), children };
}

const ROOT: Node = node({
  name: 'kubectl',
  aliases: ['k'],
  flags: [],
  args: 'group',
  sub: COMMANDS,
});

interface ResourceType {
  readonly plural: string;
  readonly group: string;
  /** `plural.group`, or `plural` for the core group: what two spellings share. */
  readonly key: string;
}

const TYPES = new Map<string, ResourceType>();
for (const line of RESOURCE_TYPES) {
  const [names, kind, group = ''] = line.split(' ') as [string, string, string?];
  const [plural, ...shorts] = names.split(',');
  const t: ResourceType = { plural: plural!, group, key: group ? `${plural}.${group}` : plural! };
  for (const n of [plural!, kind.toLowerCase(), ...shorts]) if (!TYPES.has(n)) TYPES.set(n, t);
}

const VERSION = /^v\d+(?:(?:alpha|beta)\d+)?$/;

/**
 * A resource type as kubectl resolves it: singular, plural or short name, any
 * case, optionally `.group` or `.version.group`. Unknown types (custom
 * resources) compare by their lower-cased spelling.
 */
export function resolveType(word: string): { key: string; known: boolean } {
  const w = word.toLowerCase();
  const direct = TYPES.get(w);
  if (direct) return { key: direct.key, known: true };
  const dot = w.indexOf('.');
  if (dot > 0) {
    const t = TYPES.get(w.slice(0, dot));
    let rest = w.slice(dot + 1);
    const v = rest.indexOf('.');
    if (v > 0 && VERSION.test(rest.slice(0, v))) rest = rest.slice(v + 1);
    if (t && rest === t.group) return { key: t.key, known: true };
  }
  return { key: w, known: false };
}

// ---------------------------------------------------------------------------
// The canonical form

type Section = 'res' | 'pairs' | 'list' | 'words' | 'dash' | 'redir';
/** Sections compared in order; `pairs` (a map) is compared as a multiset. */
const ORDERED: readonly Section[] = ['res', 'list', 'words', 'dash', 'redir'];

/** A positional unit (a resource, a pair, a word) and the tokens it came from. */
interface Unit {
  readonly canon: string;
  readonly text: string;
  readonly tokens: readonly number[];
}

/** How one thing was spelled, for "accepted, written differently" notes. */
interface Spelling {
  readonly canon: string;
  readonly text: string;
  /** The spelling that matters (`-o=yaml` and `-o yaml` are one spelling; `-oyaml` another). */
  readonly spell: string;
}

interface FlagUse {
  readonly def: FlagDef;
  readonly raws: string[];
  readonly tokens: number[];
  /** The tokens that hold a value (`3` of `--replicas 3`; the whole `--replicas=3`). */
  readonly valueTokens: number[];
  readonly texts: string[];
  readonly spells: string[];
}

interface Parsed {
  readonly path: Unit[];
  readonly flags: Map<string, FlagUse>;
  readonly sections: Map<Section, Unit[]>;
  readonly spellings: Spelling[];
  readonly error: { readonly reason: InvalidReason; readonly text: string } | null;
}

class Invalid extends Error {
  constructor(
    readonly reason: InvalidReason,
    readonly text: string,
  ) {
    super(reason);
  }
}

interface Arg {
  readonly value: string;
  readonly text: string;
  readonly index: number;
}

const REDIRECT = /^\d*(?:>|>>|<|<<|>&|<&|&>|>\||<>)(?:\d+|-)?$/;

/** True when the stage runs kubectl (or the exam's `k` alias). */
export function isKubectl(tokens: readonly Token[]): boolean {
  const first = tokens[0];
  return first !== undefined && !first.op && (first.value === 'kubectl' || first.value === 'k');
}

/** Parses one pipeline stage that starts with kubectl. Null: a command the model does not know. */
export function parseKubectl(tokens: readonly Token[]): Parsed | null {
  const sections = new Map<Section, Unit[]>();
  const add = (s: Section, u: Unit): void => {
    const list = sections.get(s);
    if (list) list.push(u);
    else sections.set(s, [u]);
  };
  const argv: Arg[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.op && REDIRECT.test(t.value)) {
      const target = tokens[i + 1];
      const op = t.value.replace(/^1>/, '>');
      add('redir', { canon: op, text: t.text, tokens: [i] });
      if (!/&(?:\d*|-)$/.test(t.value) && target && !target.op) {
        add('redir', { canon: `${op} ${target.value}`, text: target.text, tokens: [i + 1] });
        i++;
      }
    } else if (t.op) return null;
    else argv.push({ value: t.value, text: t.text, index: i });
  }
  const spellings: Spelling[] = [];
  const root = argv.shift();
  if (!root) return null;
  const path: Unit[] = [{ canon: 'kubectl', text: root.text, tokens: [root.index] }];
  spellings.push({ canon: 'cmd:kubectl', text: root.text, spell: root.value });

  // cobra's Find: walk the subcommands named among the words, skipping flags
  // (and the value of a flag that takes one, as its stripFlags does).
  let cur = ROOT;
  const pathIdx = new Set<number>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!.value;
    if (a === '--') break;
    if (a.startsWith('-') && a.length > 1) {
      if (!a.includes('=') && takesNext(a, cur.flags)) i++;
      continue;
    }
    const next = cur.children.get(a);
    if (!next) break;
    cur = next;
    pathIdx.add(i);
    path.push({ canon: next.def.name, text: argv[i]!.text, tokens: [argv[i]!.index] });
    spellings.push({ canon: `cmd:${path.length}:${next.def.name}`, text: argv[i]!.text, spell: a });
  }
  if (cur === ROOT) return null;
  const rest = argv.filter((_, i) => !pathIdx.has(i));

  const flags = new Map<string, FlagUse>();
  let error: Parsed['error'] = null;
  try {
    const { positionals, dashAt } = parseFlags(rest, cur.flags, flags);
    readArgs(cur.def.args, positionals, dashAt, add, flags, cur.flags, spellings);
    for (const use of flags.values()) canonFlag(use); // throws on a value the flag cannot take
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    error = { reason: e.reason, text: e.text };
  }
  for (const use of flags.values())
    use.spells.forEach((spell, n) => {
      const value = occurrence(use.def, use.raws[n]!);
      spellings.push({ canon: `flag:${use.def.name}=${value}`, text: use.texts[n]!, spell });
    });
  return { path, flags, sections, spellings, error };
}

/** cobra's stripFlags: does this flag word take the next word as its value? */
function takesNext(word: string, flags: FlagSet): boolean {
  if (word.startsWith('--')) {
    const f = flags.long.get(word.slice(2));
    return !f || f.noOpt === null;
  }
  if (word.length !== 2) return false;
  const f = flags.short.get(word[1]!);
  return !f || f.noOpt === null;
}

function use(flags: Map<string, FlagUse>, def: FlagDef): FlagUse {
  let u = flags.get(def.name);
  if (!u) {
    u = { def, raws: [], tokens: [], valueTokens: [], texts: [], spells: [] };
    flags.set(def.name, u);
  }
  return u;
}

/** pflag's parse loop over the words after the command path. */
function parseFlags(
  args: readonly Arg[],
  set: FlagSet,
  flags: Map<string, FlagUse>,
): { positionals: Arg[]; dashAt: number } {
  const positionals: Arg[] = [];
  let dashAt = -1;
  const record = (def: FlagDef, raw: string, used: Arg[], spell: string): void => {
    const u = use(flags, def);
    u.raws.push(raw);
    u.tokens.push(...used.map((a) => a.index));
    u.valueTokens.push(used[used.length - 1]!.index);
    u.texts.push(used.map((a) => a.text).join(' '));
    u.spells.push(spell);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const v = a.value;
    if (v === '--') {
      dashAt = positionals.length;
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = eq < 0 ? v.slice(2) : v.slice(2, eq);
      const def = set.long.get(name);
      if (!def) throw new Invalid('unknownFlag', a.text);
      if (eq >= 0) record(def, v.slice(eq + 1), [a], `--${name} ${v.slice(eq + 1)}`);
      else if (def.noOpt !== null) record(def, def.noOpt, [a], `--${name}`);
      else if (i + 1 < args.length) {
        const next = args[++i]!;
        record(def, next.value, [a, next], `--${name} ${next.value}`);
      } else throw new Invalid('missingValue', a.text);
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      const shorts = v.slice(1);
      for (let j = 0; j < shorts.length; j++) {
        const def = set.short.get(shorts[j]!);
        if (!def) throw new Invalid('unknownFlag', a.text);
        // Bundled shorthands are one spelling (`-it`); an attached value another (`-oyaml`).
        const bundled = shorts.length > 1 ? v : `-${shorts[j]}`;
        if (shorts[j + 1] === '=') {
          record(def, shorts.slice(j + 2), [a], `-${shorts[j]} ${shorts.slice(j + 2)}`);
          break;
        }
        if (def.noOpt !== null) {
          record(def, def.noOpt, [a], bundled);
          continue;
        }
        if (j + 1 < shorts.length) {
          record(def, shorts.slice(j + 1), [a], `-${shorts.slice(j)}`);
          break;
        }
        if (i + 1 >= args.length) throw new Invalid('missingValue', a.text);
        const next = args[++i]!;
        record(def, next.value, [a, next], `-${shorts[j]} ${next.value}`);
      }
      continue;
    }
    positionals.push(a);
  }
  return { positionals, dashAt };
}

// ---------------------------------------------------------------------------
// Positional arguments

type Add = (s: Section, u: Unit) => void;

function readArgs(
  spec: ArgSpec,
  all: readonly Arg[],
  dashAt: number,
  add: Add,
  flags: Map<string, FlagUse>,
  set: FlagSet,
  spellings: Spelling[],
): void {
  const before = dashAt < 0 ? all : all.slice(0, dashAt);
  const after = dashAt < 0 ? [] : all.slice(dashAt);
  const word = (s: Section, a: Arg): void =>
    add(s, { canon: a.value, text: a.text, tokens: [a.index] });
  const dash = (): void => {
    for (const a of after) word('dash', a);
  };
  const resources = (args: readonly Arg[], defaultType: string | null): void =>
    readResources(args, defaultType, add, spellings);
  switch (spec) {
    case 'none':
      if (all.length > 0) throw new Invalid('extraArgs', all[0]!.text);
      return;
    case 'group':
      if (all.length > 0) throw new Invalid('unknownCommand', all[0]!.text);
      return;
    case 'words':
      for (const a of before) word('words', a);
      dash();
      return;
    case 'resources':
      resources(before, null);
      dash();
      return;
    case 'resourcesPairs':
    case 'resourcesEnv':
    case 'taint': {
      const isPair =
        spec === 'taint'
          ? (v: string) => v.includes('=') || v.includes(':') || v.endsWith('-')
          : (v: string) => v.includes('=') || v.endsWith('-');
      const first = before.findIndex((a) => isPair(a.value));
      const res = first < 0 ? before : before.slice(0, first);
      const pairs = first < 0 ? [] : before.slice(first);
      const stray = pairs.find((a) => !isPair(a.value));
      if (stray) throw new Invalid('argsOrder', stray.text);
      resources(res, null);
      for (const a of pairs)
        add(spec === 'resourcesPairs' ? 'pairs' : 'list', {
          canon: spec === 'taint' ? taintCanon(a.value) : a.value,
          text: a.text,
          tokens: [a.index],
        });
      dash();
      return;
    }
    case 'name':
      if (all.length === 0) throw new Invalid('missingArgs', '');
      if (all.length > 1) throw new Invalid('extraArgs', all[1]!.text);
      word('words', all[0]!);
      return;
    case 'nameCommand':
      if (before.length === 0) throw new Invalid('missingArgs', '');
      if (before.length > 1) throw new Invalid('extraArgs', before[1]!.text);
      word('words', before[0]!);
      dash();
      return;
    case 'run':
      // NAME, then the container's arguments, whether or not `--` separates them.
      if (dashAt === 0 || all.length === 0) throw new Invalid('missingArgs', '');
      word('words', all[0]!);
      for (const a of all.slice(1)) word('dash', a);
      return;
    case 'pod':
    case 'podCommand':
      if (before.length > 1)
        throw new Invalid(spec === 'podCommand' ? 'needsDash' : 'extraArgs', before[1]!.text);
      resources(before, 'pods');
      dash();
      return;
    case 'logs': {
      if (before.length > 2) throw new Invalid('extraArgs', before[2]!.text);
      resources(before.slice(0, 1), 'pods');
      const container = before[1];
      if (container) {
        const def = set.long.get('container')!;
        if (flags.has('container')) throw new Invalid('extraArgs', container.text);
        const u = use(flags, def);
        u.raws.push(container.value);
        u.tokens.push(container.index);
        u.valueTokens.push(container.index);
        u.texts.push(container.text);
        u.spells.push(container.value);
      }
      dash();
      return;
    }
    case 'portForward':
      resources(before.slice(0, 1), 'pods');
      for (const a of before.slice(1)) word('words', a);
      dash();
      return;
    case 'canI': {
      const [verb, target, ...more] = before;
      if (verb) word('words', verb);
      if (target) {
        if (target.value.startsWith('/')) word('words', target);
        else resources([target], null);
      }
      for (const a of more) word('words', a);
      dash();
      return;
    }
    case 'explain': {
      const [target, ...more] = before;
      if (target) {
        const dot = target.value.indexOf('.');
        const head = dot < 0 ? target.value : target.value.slice(0, dot);
        const t = resolveType(head);
        const field = dot < 0 ? '' : target.value.slice(dot);
        add('res', { canon: `${t.key}${field}`, text: target.text, tokens: [target.index] });
        spellings.push({ canon: `type:${t.key}`, text: head, spell: head.toLowerCase() });
      }
      for (const a of more) word('words', a);
      dash();
      return;
    }
  }
}

/**
 * cli-runtime's ResourceTypeOrNameArgs: `TYPE[,TYPE…] [NAME…]` or `TYPE/NAME…`
 * (not both). With `defaultType`, a lone word is a NAME of that type (`exec POD`).
 */
function readResources(
  args: readonly Arg[],
  defaultType: string | null,
  add: Add,
  spellings: Spelling[],
): void {
  if (args.length === 0) return;
  const typeOf = (word: string): string => {
    const t = resolveType(word);
    spellings.push({ canon: `type:${t.key}`, text: word, spell: word.toLowerCase() });
    return t.key;
  };
  const slashed = args.filter((a) => a.value.includes('/'));
  if (slashed.length > 0) {
    const plain = args.find((a) => !a.value.includes('/'));
    if (plain) throw new Invalid('argsOrder', plain.text);
    for (const a of args) {
      const cut = a.value.indexOf('/');
      const key = `${typeOf(a.value.slice(0, cut))}/${a.value.slice(cut + 1)}`;
      add('res', { canon: key, text: a.text, tokens: [a.index] });
      spellings.push({ canon: `res:${key}`, text: a.text, spell: 'slash' });
    }
    return;
  }
  if (defaultType !== null) {
    for (const a of args) {
      const key = `${resolveType(defaultType).key}/${a.value}`;
      add('res', { canon: key, text: a.text, tokens: [a.index] });
      spellings.push({ canon: `res:${key}`, text: a.text, spell: 'name' });
    }
    return;
  }
  const [typeArg, ...names] = args as [Arg, ...Arg[]];
  const types = typeArg.value.split(',').map(typeOf);
  if (names.length === 0) {
    for (const t of types) add('res', { canon: t, text: typeArg.text, tokens: [typeArg.index] });
    return;
  }
  for (const t of types)
    for (const n of names) {
      const key = `${t}/${n.value}`;
      add('res', {
        canon: key,
        text: `${typeArg.text} ${n.text}`,
        tokens: [typeArg.index, n.index],
      });
      spellings.push({ canon: `res:${key}`, text: `${typeArg.text} ${n.text}`, spell: 'split' });
    }
}

/** A taint spec: `KEY[=VALUE]:EFFECT`, or a removal `KEY[:EFFECT]-` whose value kubectl ignores. */
function taintCanon(spec: string): string {
  const remove = spec.endsWith('-');
  const body = remove ? spec.slice(0, -1) : spec;
  const colon = body.lastIndexOf(':');
  const kv = colon < 0 ? body : body.slice(0, colon);
  const effect = colon < 0 ? '' : body.slice(colon + 1);
  const eq = kv.indexOf('=');
  const key = eq < 0 ? kv : kv.slice(0, eq);
  const value = eq < 0 ? '' : kv.slice(eq + 1);
  return remove ? `${key}:${effect}-` : `${key}=${value}:${effect}`;
}

// ---------------------------------------------------------------------------
// Flag values

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Go's strconv.ParseBool. */
function parseBool(raw: string): string | null {
  return TRUE.has(raw) ? 'true' : FALSE.has(raw) ? 'false' : null;
}

const UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Go's time.ParseDuration, in nanoseconds (`90s` = `1m30s`); null when it is not one. */
function parseDuration(raw: string): string | null {
  if (raw === '0' || raw === '+0' || raw === '-0') return '0';
  const m = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(raw);
  if (!m) return null;
  let total = 0;
  for (const part of raw.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g))
    total += Number(part[1]) * UNITS[part[2]!]!;
  return String(m[1] === '-' ? -total : total);
}

/** Go's strconv.ParseInt(s, 0, 64) for the decimal case; other bases compare as written. */
function parseInt10(raw: string): string | null {
  if (/^[+-]?(?:0|[1-9]\d*)$/.test(raw)) return String(Number(raw));
  if (/^[+-]?0(?:[xX][\da-fA-F_]+|[oO]?[0-7_]+|[bB][01_]+)$/.test(raw)) return raw;
  return null;
}

/** `dir/./a//b/` and `./dir/a/b` are one path; URLs and `-` (stdin) stay as written. */
function normPath(p: string): string {
  if (p === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(p)) return p;
  const abs = p.startsWith('/');
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(seg);
  }
  const out = parts.join('/');
  return abs ? `/${out}` : out || '.';
}

/** Splits a comma list outside parentheses and quotes (selectors, `k=v` lists). */
function commaSplit(raw: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = false;
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '"') quote = !quote;
    else if (!quote && c === '(') depth++;
    else if (!quote && c === ')') depth--;
    else if (!quote && depth === 0 && c === ',') {
      out.push(raw.slice(start, i));
      start = i + 1;
    }
  }
  out.push(raw.slice(start));
  return out;
}

/** pflag's string slice: a CSV record (double quotes protect commas). */
function csv(raw: string): string[] {
  if (raw === '') return [];
  return commaSplit(raw).map((s) =>
    s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s,
  );
}

function byKind(kind: ValueKind | null, raw: string): string {
  switch (kind) {
    case null:
      return raw;
    case 'path':
      return normPath(raw);
    case 'fromFile': {
      // `[key=]source`: without a key, the file's base name is the key.
      const eq = raw.indexOf('=');
      const source = normPath(eq < 0 ? raw : raw.slice(eq + 1));
      const key = eq < 0 ? source.slice(source.lastIndexOf('/') + 1) : raw.slice(0, eq);
      return `${key}=${source}`;
    }
    case 'resource': {
      const cut = raw.indexOf('/');
      return cut < 0 ? raw : `${resolveType(raw.slice(0, cut)).key}/${raw.slice(cut + 1)}`;
    }
    case 'rtype': {
      const cut = raw.indexOf('/');
      const head = cut < 0 ? raw : raw.slice(0, cut);
      return `${resolveType(head).key}${cut < 0 ? '' : raw.slice(cut)}`;
    }
    case 'selector':
      return commaSplit(raw)
        .map((r) =>
          r
            .trim()
            .replace(/\s+/g, ' ')
            .replace(/^([^!=<>]*?)\s*==?\s*/, '$1='),
        )
        .sort()
        .join(',');
    case 'jsonpath':
      return relaxedPath(raw);
    case 'output': {
      const prefix = 'custom-columns=';
      if (!raw.startsWith(prefix)) return raw;
      const columns = raw
        .slice(prefix.length)
        .split(',')
        .map((col) => {
          const colon = col.indexOf(':');
          return colon < 0 ? col : `${col.slice(0, colon)}:${relaxedPath(col.slice(colon + 1))}`;
        });
      return `${prefix}${columns.join(',')}`;
    }
    case 'list':
      return commaSplit(raw)
        .map((s) => s.trim())
        .sort()
        .join(',');
    case 'dryRun':
      return raw === 'unchanged' || parseBool(raw) === 'true'
        ? 'client'
        : parseBool(raw) === 'false'
          ? 'none'
          : raw;
    case 'validate':
      return parseBool(raw) === 'true' ? 'strict' : parseBool(raw) === 'false' ? 'ignore' : raw;
    case 'json':
      return canonicalJson(raw);
  }
}

/** kubectl's RelaxedJSONPathExpression: `a.b`, `.a.b`, `{a.b}` and `{.a.b}` are one path. */
function relaxedPath(raw: string): string {
  let p = raw.trim();
  if (p.startsWith('{') && p.endsWith('}')) p = p.slice(1, -1);
  return p.startsWith('.') ? p : `.${p}`;
}

/** JSON as Go re-encodes it (sigs.k8s.io/yaml ToJSON): no blanks, object keys sorted. */
function canonicalJson(raw: string): string {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return raw;
  }
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sorted(value));
}

/** One raw value as the flag's type reads it; throws Invalid when it cannot. */
function scalar(def: FlagDef, raw: string, text: string): string {
  if (def.type === 'b') {
    const b = parseBool(raw);
    if (b === null) throw new Invalid('badValue', text);
    return b;
  }
  if (def.type === 'i') {
    const n = parseInt10(raw);
    if (n === null) throw new Invalid('badValue', text);
    return n;
  }
  if (def.type === 'd') {
    const d = parseDuration(raw);
    if (d === null) throw new Invalid('badValue', text);
    return d;
  }
  return byKind(def.kind, raw);
}

function canonOf(def: FlagDef, raws: readonly string[], text: string): string {
  if (def.type === 'ss' || def.type === 'sa' || def.type === 'm') {
    const items = raws.flatMap((r) => (def.type === 'sa' ? [r] : csv(r)));
    const values = items.map((r) => byKind(def.kind, r));
    return JSON.stringify(def.unordered ? [...values].sort() : values);
  }
  // A scalar flag given twice keeps its last value.
  return scalar(def, raws[raws.length - 1]!, text);
}

function canonFlag(u: FlagUse): string {
  return canonOf(u.def, u.raws, u.texts.join(' '));
}

/** One occurrence's value in canonical form: what two spellings of it share. */
function occurrence(def: FlagDef, raw: string): string {
  try {
    if (def.type === 'ss' || def.type === 'm')
      return csv(raw)
        .map((r) => byKind(def.kind, r))
        .join(',');
    return def.type === 'sa' ? byKind(def.kind, raw) : scalar(def, raw, raw);
  } catch {
    return `\u0000${raw}`;
  }
}

function defaultCanon(def: FlagDef): string | null {
  if (def.def === null) return null;
  try {
    return canonOf(def, [def.def], '');
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// Comparison

export type KubectlOutcome =
  | { readonly type: 'unknown' }
  | { readonly type: 'invalid'; readonly note: Extract<Note, { kind: 'invalid' }> }
  | { readonly type: 'compared'; readonly correct: boolean };

/**
 * Compares two kubectl stages on their canonical form. 'unknown' when the
 * expected answer is not a command the model can read (the caller compares
 * structurally); 'invalid' when kubectl would reject the typed command (the
 * caller shows the structural diff with this note). Otherwise appends the
 * marks of both stages and the notes.
 */
export function compareKubectl(
  ta: readonly Token[],
  tb: readonly Token[],
  ma: Mark[],
  mb: Mark[],
  notes: Note[],
): KubectlOutcome {
  const b = parseKubectl(tb);
  if (!b || b.error) return { type: 'unknown' };
  const a = parseKubectl(ta);
  if (!a) return { type: 'unknown' };
  if (a.error) {
    const other = pathNote(a, b);
    if (other) notes.push(other);
    return { type: 'invalid', note: { kind: 'invalid', ...a.error } };
  }

  const kindsA: Kind[] = ta.map(() => 'same');
  const kindsB: Kind[] = tb.map(() => 'same');
  const mark = (kinds: Kind[], tokens: readonly number[], kind: Kind): void => {
    for (const i of tokens) if (kinds[i] === 'same' || kind === 'wrong') kinds[i] = kind;
  };
  let correct = true;
  const differ: Note[] = [];

  // The command path.
  const otherCommand = pathNote(a, b);
  if (otherCommand) {
    correct = false;
    const { aKinds, bKinds } = align(
      a.path.map((u) => u.canon),
      b.path.map((u) => u.canon),
    );
    a.path.forEach((u, i) => {
      mark(kindsA, u.tokens, typedKind(aKinds[i]!));
    });
    b.path.forEach((u, i) => {
      mark(kindsB, u.tokens, expectedKind(bKinds[i]!));
    });
    differ.push(otherCommand);
  }

  // Flags: the effective value on each side (a flag left out has its default).
  const defaults: string[] = [];
  for (const name of new Set([...a.flags.keys(), ...b.flags.keys()])) {
    const ua = a.flags.get(name);
    const ub = b.flags.get(name);
    const def = (ub ?? ua)!.def;
    // A default that depends on another flag holds only on a side without it.
    const dfltOf = (side: Parsed) =>
      def.defaultUnless !== null && side.flags.has(def.defaultUnless) ? null : defaultCanon(def);
    const va = ua ? canonFlag(ua) : dfltOf(a);
    const vb = ub ? canonFlag(ub) : dfltOf(b);
    if (va === vb) {
      if (!ua || !ub) defaults.push((ua ?? ub)!.texts.join(' '));
      continue;
    }
    correct = false;
    const flag = `--${def.name}`;
    if (ua && ub) {
      // Only the values differ: mark them, not the flag names.
      mark(kindsA, ua.valueTokens, 'wrong');
      mark(kindsB, ub.valueTokens, 'missing');
      differ.push({
        kind: 'wrongValue',
        flag,
        typed: ua.texts.join(' '),
        expected: ub.texts.join(' '),
      });
    } else if (ua) {
      mark(kindsA, ua.tokens, 'extra');
      differ.push({ kind: 'extraFlag', flag, typed: ua.texts.join(' ') });
    } else if (ub) {
      mark(kindsB, ub.tokens, 'missing');
      differ.push({ kind: 'missingFlag', flag, expected: ub.texts.join(' ') });
    }
  }

  // Positional units, section by section.
  for (const s of ['res', 'words', 'pairs', 'list', 'dash', 'redir'] as const) {
    const ua = a.sections.get(s) ?? [];
    const ub = b.sections.get(s) ?? [];
    const fa: Kind[] = [];
    const fb: Kind[] = [];
    if (ORDERED.includes(s)) {
      const { aKinds, bKinds } = align(
        ua.map((u) => u.canon),
        ub.map((u) => u.canon),
      );
      fa.push(...aKinds.map(typedKind));
      fb.push(...bKinds.map(expectedKind));
    } else {
      // Pairs form a map: matched as a multiset, in any order.
      const left = new Map<string, number>();
      for (const u of ub) left.set(u.canon, (left.get(u.canon) ?? 0) + 1);
      for (const u of ua) {
        const n = left.get(u.canon) ?? 0;
        fa.push(n > 0 ? 'same' : 'wrong');
        left.set(u.canon, n - 1);
      }
      const right = new Map<string, number>();
      for (const u of ua) right.set(u.canon, (right.get(u.canon) ?? 0) + 1);
      for (const u of ub) {
        const n = right.get(u.canon) ?? 0;
        fb.push(n > 0 ? 'same' : 'missing');
        right.set(u.canon, n - 1);
      }
    }
    if (fa.every((k) => k === 'same') && fb.every((k) => k === 'same')) continue;
    correct = false;
    ua.forEach((u, i) => {
      mark(kindsA, u.tokens, fa[i]!);
    });
    ub.forEach((u, i) => {
      mark(kindsB, u.tokens, fb[i]!);
    });
    const texts = (us: Unit[], ks: Kind[]) =>
      us
        .filter((_, i) => ks[i] !== 'same' || s === 'dash')
        .map((u) => u.text)
        .join(' ');
    differ.push({
      kind: s === 'dash' ? 'wrongCommandLine' : 'wrongArgs',
      typed: texts(ua, fa),
      expected: texts(ub, fb),
    });
  }

  for (const [i, t] of ta.entries()) ma.push({ text: t.text, kind: kindsA[i]! });
  for (const [i, t] of tb.entries()) mb.push({ text: t.text, kind: kindsB[i]! });
  // Across two different commands, "spelled differently" means nothing.
  if (!otherCommand) notes.push(...spellingNotes(a.spellings, b.spellings));
  for (const text of new Set(defaults)) notes.push({ kind: 'default', text });
  notes.push(...differ);
  return { type: 'compared', correct };
}

function pathNote(a: Parsed, b: Parsed): Note | null {
  const pathA = a.path.map((u) => u.canon).join(' ');
  const pathB = b.path.map((u) => u.canon).join(' ');
  if (pathA === pathB) return null;
  return {
    kind: 'wrongCommand',
    typed: a.path.map((u) => u.text).join(' '),
    expected: b.path.map((u) => u.text).join(' '),
  };
}

/** What the typed side spelled differently from the answer, for the same thing. */
function spellingNotes(typed: readonly Spelling[], expected: readonly Spelling[]): Note[] {
  const byCanon = new Map<string, Spelling>();
  for (const s of expected) if (!byCanon.has(s.canon)) byCanon.set(s.canon, s);
  const order = new Map(expected.map((s, i) => [s.text, i]));
  // typed text -> expected texts (a bundle like `-it` stands for two flags).
  const pairs = new Map<string, string[]>();
  for (const s of typed) {
    const e = byCanon.get(s.canon);
    if (!e || e.spell === s.spell || e.text === s.text) continue;
    const list = pairs.get(s.text) ?? [];
    if (!list.includes(e.text)) list.push(e.text);
    pairs.set(s.text, list);
  }
  // Then several typed spellings of one expected text join (`-i -t` = `-it`).
  const back = new Map<string, string[]>();
  for (const [t, es] of pairs) {
    const e = es.sort((x, y) => order.get(x)! - order.get(y)!).join(' ');
    const list = back.get(e) ?? [];
    list.push(t);
    back.set(e, list);
  }
  return [...back].map(([e, ts]) => ({ kind: 'same', typed: ts.join(' '), expected: e }));
}
