// The generic comparison of a shell command stage, for every command that is
// not a kubectl command the model knows: flags are a multiset (order does not
// matter, `--flag=value` and `--flag value` alike), positional words keep their
// order. Which flags take a value is learnt from how the answer uses them. Pure.

import { align, expectedKind, type Kind, type Mark, typedKind } from './align.js';
import type { Token } from './tokenize.js';

/** Short/long spellings of one flag, per command. Keys compare by the long name. */
const KUBECTL_ALIASES: Record<string, string> = {
  '-n': '--namespace',
  '-o': '--output',
  '-l': '--selector',
  '-A': '--all-namespaces',
  '-c': '--container',
  '-w': '--watch',
  '-i': '--stdin',
  '-t': '--tty',
  '-ti': '-it',
  '-R': '--recursive',
  '-f': '--filename',
  '-k': '--kustomize',
  '-L': '--label-columns',
  '-h': '--help',
};
const KUBECTL_LOGS_ALIASES: Record<string, string> = {
  ...KUBECTL_ALIASES,
  '-f': '--follow',
  '-p': '--previous',
};
const DOCKER_ALIASES: Record<string, string> = {
  '-d': '--detach',
  '-e': '--env',
  '-p': '--publish',
  '-v': '--volume',
  '-i': '--interactive',
  '-t': '--tty',
  '-ti': '-it',
  '-w': '--workdir',
  '-u': '--user',
  '-a': '--all',
  '-q': '--quiet',
};
const ALIASES: Record<string, Record<string, string>> = {
  kubectl: KUBECTL_ALIASES,
  docker: DOCKER_ALIASES,
  podman: DOCKER_ALIASES,
  nerdctl: DOCKER_ALIASES,
  curl: {
    '-k': '--insecure',
    '-s': '--silent',
    '-L': '--location',
    '-o': '--output',
    '-O': '--remote-name',
    '-H': '--header',
    '-X': '--request',
    '-d': '--data',
    '-v': '--verbose',
    '-I': '--head',
    '-i': '--include',
    '-u': '--user',
    '-f': '--fail',
  },
  etcdctl: { '-w': '--write-out' },
  etcdutl: { '-w': '--write-out' },
  base64: { '-d': '--decode', '-w': '--wrap' },
  journalctl: { '-u': '--unit', '-f': '--follow', '-n': '--lines', '-r': '--reverse' },
  helm: { '-n': '--namespace', '-f': '--values', '-i': '--install', '-o': '--output' },
  crictl: { '-a': '--all', '-q': '--quiet' },
};

/** Flags known to take no value (by long name, after aliasing), per command. */
const BOOLEANS: Record<string, ReadonlySet<string>> = {
  kubectl: new Set([
    '--all-namespaces',
    '--stdin',
    '--tty',
    '-it',
    '--watch',
    '--watch-only',
    '--show-labels',
    '--force',
    '--rm',
    '--overwrite',
    '--all',
    '--now',
    '--ignore-daemonsets',
    '--delete-emptydir-data',
    '--no-headers',
    '--follow',
    '--previous',
    '--recursive',
    '--help',
    '--expose',
    '--command',
    '--record',
    '--local',
    '--list',
    '--timestamps',
    '--insecure-skip-tls-verify',
  ]),
  docker: new Set(['--rm', '--detach', '--interactive', '--tty', '-it', '--privileged', '--all']),
  curl: new Set([
    '--insecure',
    '--silent',
    '-S',
    '-sS',
    '-sk',
    '-ks',
    '-sL',
    '-kL',
    '-fsSL',
    '--location',
    '--head',
    '--include',
    '--verbose',
    '--fail',
    '--remote-name',
  ]),
  etcdctl: new Set(['--prefix', '--keys-only', '--insecure-skip-tls-verify']),
  journalctl: new Set(['--follow', '--reverse', '--no-pager', '-x', '-e', '-xe']),
  systemctl: new Set(['--now', '--no-pager', '--all', '--failed', '--quiet']),
  helm: new Set(['--create-namespace', '--wait', '--atomic', '--debug', '--install', '-A']),
  crictl: new Set(['--all', '--quiet', '-aq']),
};
BOOLEANS.podman = BOOLEANS.docker!;
BOOLEANS.nerdctl = BOOLEANS.docker!;

/** A flag: `-x`, `--long`, clusters like `-it`; not `--`, `-`, or a negative number. */
export function isFlag(value: string): boolean {
  return value.length >= 2 && value[0] === '-' && value !== '--' && !/^-[\d.]/.test(value);
}

/** `--name=value` (and `-x=value`): [name, value]. */
function splitEq(value: string): [string, string] | null {
  const m = /^(--[^=]+|-[A-Za-z])=(.*)$/s.exec(value);
  return m ? [m[1]!, m[2]!] : null;
}

interface Context {
  readonly aliases: Record<string, string>;
  readonly booleans: ReadonlySet<string>;
}

const NO_SET: ReadonlySet<string> = new Set();

/** The stage's command (after `sudo`) decides aliases and known boolean flags. */
function contextOf(tokens: readonly Token[]): Context {
  const words = tokens.filter((t) => !t.op).map((t) => t.value);
  let cmd = words[0] === 'sudo' ? words[1] : words[0];
  if (cmd === 'k') cmd = 'kubectl';
  if (cmd === undefined) return { aliases: {}, booleans: NO_SET };
  const dd = words.indexOf('--');
  const before = dd < 0 ? words : words.slice(0, dd);
  const aliases =
    cmd === 'kubectl' && before.includes('logs') ? KUBECTL_LOGS_ALIASES : (ALIASES[cmd] ?? {});
  return { aliases, booleans: BOOLEANS[cmd] ?? NO_SET };
}

function flagKey(name: string, ctx: Context): string {
  return ctx.aliases[name] ?? name;
}

/** Can this token be the value of a preceding `--flag`? */
function valueCandidate(t: Token | undefined): boolean {
  return t !== undefined && !t.op && t.value !== '--' && !isFlag(t.value);
}

interface Evidence {
  /** Seen as `--flag=value`. */
  eq: boolean;
  /** Seen followed by another flag, an operator, `--` or the end. */
  bare: boolean;
}

function evidence(tokens: readonly Token[], ctx: Context): Map<string, Evidence> {
  const map = new Map<string, Evidence>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.op && t.value === '--') break;
    if (t.op || !isFlag(t.value)) continue;
    const eq = splitEq(t.value);
    const key = flagKey(eq ? eq[0] : t.value, ctx);
    const e = map.get(key) ?? { eq: false, bare: false };
    if (eq) e.eq = true;
    else if (!valueCandidate(tokens[i + 1])) e.bare = true;
    map.set(key, e);
  }
  return map;
}

type Item =
  | {
      readonly type: 'flag';
      readonly key: string;
      /** The value, or null for a boolean flag. */
      readonly value: string | null;
      /** `--flag=value` as one token, else `--flag` [`value`]. */
      readonly eqText: string | null;
      readonly nameText: string;
      readonly valueText: string | null;
    }
  | { readonly type: 'pos'; readonly value: string; readonly text: string };

/** Splits a stage into flags and positional words (operators and everything after `--` are positional). */
function itemsOf(
  tokens: readonly Token[],
  ctx: Context,
  takesValue: (key: string) => boolean,
): Item[] {
  const items: Item[] = [];
  let afterDashes = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (afterDashes || t.op || !isFlag(t.value)) {
      if (!t.op && t.value === '--') afterDashes = true;
      // `k` is the exam environment's alias of kubectl.
      const value = i === 0 && !t.op && t.value === 'k' ? 'kubectl' : t.value;
      items.push({ type: 'pos', value, text: t.text });
      continue;
    }
    const eq = splitEq(t.value);
    if (eq) {
      items.push({
        type: 'flag',
        key: flagKey(eq[0], ctx),
        value: eq[1],
        eqText: t.text,
        nameText: eq[0],
        valueText: null,
      });
      continue;
    }
    const key = flagKey(t.value, ctx);
    const next = tokens[i + 1];
    if (takesValue(key) && valueCandidate(next)) {
      items.push({
        type: 'flag',
        key,
        value: next!.value,
        eqText: null,
        nameText: t.text,
        valueText: next!.text,
      });
      i++;
    } else {
      items.push({
        type: 'flag',
        key,
        value: null,
        eqText: null,
        nameText: t.text,
        valueText: null,
      });
    }
  }
  return items;
}

/** Compares one stage structurally and appends the marks of both sides. */
export function compareStage(
  ta: readonly Token[],
  tb: readonly Token[],
  ma: Mark[],
  mb: Mark[],
): void {
  const ca = contextOf(ta);
  const cb = contextOf(tb);
  const ea = evidence(ta, ca);
  const eb = evidence(tb, cb);
  // Whether `--flag word` binds `word` as the flag's value. The expected answer's
  // own usage decides first, then the known boolean flags, then the typed usage;
  // unknown flags take a value.
  const takesValue = (key: string): boolean => {
    const e = eb.get(key);
    if (e?.eq) return true;
    if (e?.bare) return false;
    if (cb.booleans.has(key)) return false;
    const f = ea.get(key);
    if (f?.eq) return true;
    if (f?.bare) return false;
    return true;
  };
  const ia = itemsOf(ta, ca, takesValue);
  const ib = itemsOf(tb, cb, takesValue);

  // Flags: a multiset. Pair equal flags first, then the same flag with another value.
  type Flag = Extract<Item, { type: 'flag' }>;
  const fa = ia.filter((x): x is Flag => x.type === 'flag');
  const fb = ib.filter((x): x is Flag => x.type === 'flag');
  const pairA = new Map<Flag, Flag>();
  const pairB = new Map<Flag, Flag>();
  const exactKey = (f: Flag): string => `${f.key}\u0000${f.value ?? '\u0001'}`;
  for (const byKey of [exactKey, (f: Flag) => f.key]) {
    // Queues with a read position: Array#shift would make a long paste quadratic.
    const queues = new Map<string, { items: Flag[]; next: number }>();
    for (const a of fa) {
      if (pairA.has(a)) continue;
      const k = byKey(a);
      const q = queues.get(k);
      if (q) q.items.push(a);
      else queues.set(k, { items: [a], next: 0 });
    }
    for (const b of fb) {
      if (pairB.has(b)) continue;
      const q = queues.get(byKey(b));
      const a = q?.items[q.next];
      if (q && a) {
        q.next++;
        pairA.set(a, b);
        pairB.set(b, a);
      }
    }
  }

  // Positional words (operators and the words after `--` included): LCS.
  const pa = ia.filter((x) => x.type === 'pos');
  const pb = ib.filter((x) => x.type === 'pos');
  const { aKinds, bKinds } = align(
    pa.map((x) => x.value),
    pb.map((x) => x.value),
  );
  const posA = new Map<Item, Kind>(pa.map((x, i) => [x, typedKind(aKinds[i]!)]));
  const posB = new Map<Item, Kind>(pb.map((x, i) => [x, expectedKind(bKinds[i]!)]));

  for (const item of ia) {
    if (item.type === 'pos') {
      ma.push({ text: item.text, kind: posA.get(item)! });
      continue;
    }
    const other = pairA.get(item);
    if (!other) pushFlag(ma, item, 'extra', 'extra');
    else if (other.value === item.value) pushFlag(ma, item, 'same', 'same');
    else pushFlag(ma, item, 'same', other.value === null ? 'extra' : 'wrong');
  }
  for (const item of ib) {
    if (item.type === 'pos') {
      mb.push({ text: item.text, kind: posB.get(item)! });
      continue;
    }
    const other = pairB.get(item);
    if (!other) pushFlag(mb, item, 'missing', 'missing');
    else pushFlag(mb, item, 'same', other.value === item.value ? 'same' : 'missing');
  }
}

/** A flag's tokens. `--flag=value` is one token: it takes the value's kind when that differs. */
function pushFlag(
  marks: Mark[],
  flag: Extract<Item, { type: 'flag' }>,
  nameKind: Kind,
  valueKind: Kind,
): void {
  if (flag.eqText !== null) {
    marks.push({ text: flag.eqText, kind: valueKind === 'same' ? nameKind : valueKind });
    return;
  }
  marks.push({ text: flag.nameText, kind: nameKind });
  if (flag.valueText !== null) marks.push({ text: flag.valueText, kind: valueKind });
}
