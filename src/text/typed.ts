// Typed-answer cards (`T:`): compare what the user typed with the expected
// answer and annotate both for the review screen. Pure: no I/O, never throws.
//
// Two modes, chosen by the EXPECTED answer:
// - shell commands (first word is a known command such as kubectl, or the answer
//   has ` --` / ` -x` flags): tokenized like a POSIX shell and compared
//   structurally (quoting, flag order and `--flag=value` vs `--flag value` do not
//   matter; positional order does);
// - plain answers: compared word by word, ignoring case and a trailing `.`/`。`.
//
// The UI prints the parts of each side joined by single spaces, so every part is
// one or more whole tokens: `typed.map((p) => p.text).join(' ')` is the normalised
// typed text (NFKC, whitespace collapsed; for commands each word as written, quotes
// included, without comments and line continuations), and likewise for `expected`.
// Tokens are words for plain answers and shell words for commands. A
// `--flag=value` word is one token: when only its value differs, the whole word is
// marked 'wrong'/'missing' (with `--flag value`, only the value is).

export interface DiffPart {
  readonly text: string;
  readonly kind: 'same' | 'wrong' | 'missing' | 'extra';
}

export interface TypedResult {
  readonly correct: boolean;
  /** What the user typed, annotated: 'same' (matches), 'wrong'/'extra' (typed but not expected). */
  readonly typed: readonly DiffPart[];
  /** The expected answer, annotated: 'same', or 'missing' (expected but not typed). */
  readonly expected: readonly DiffPart[];
}

type Kind = DiffPart['kind'];

/** One normalised token as displayed, with its kind. */
interface Mark {
  readonly text: string;
  readonly kind: Kind;
}

/** NFKC, then every run of whitespace (full-width spaces included) to one space, trimmed. */
function normalizeSpace(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

export function compareTyped(typed: string, expected: string): TypedResult {
  try {
    const expectedText = expected.normalize('NFKC');
    return isCommand(expectedText)
      ? compareCommands(typed.normalize('NFKC'), expectedText)
      : comparePlain(normalizeSpace(typed), normalizeSpace(expected));
  } catch {
    // Defensive only: the comparison has no known way to throw.
    const a = normalizeSpace(String(typed));
    const b = normalizeSpace(String(expected));
    const correct = a !== '' && a === b;
    return {
      correct,
      typed: a === '' ? [] : [{ text: a, kind: correct ? 'same' : 'wrong' }],
      expected: b === '' ? [] : [{ text: b, kind: correct ? 'same' : 'missing' }],
    };
  }
}

// ---------------------------------------------------------------------------
// Mode detection

const COMMANDS = new Set([
  'kubectl',
  'k',
  'kubeadm',
  'kubelet',
  'kustomize',
  'etcdctl',
  'etcdutl',
  'crictl',
  'ctr',
  'nerdctl',
  'docker',
  'podman',
  'helm',
  'systemctl',
  'journalctl',
  'curl',
  'wget',
  'export',
  'sudo',
  'openssl',
  'ssh',
  'scp',
  'cat',
  'ls',
  'grep',
  'echo',
  'apt',
  'apt-get',
  'yum',
  'dnf',
  'ip',
  'iptables',
  'ss',
  'netstat',
  'nslookup',
  'dig',
  'ping',
  'mkdir',
  'cp',
  'mv',
  'rm',
  'chmod',
  'chown',
  'tar',
  'base64',
  'jq',
  'yq',
  'sysctl',
  'swapoff',
  'modprobe',
  'mount',
  'watch',
]);

/** Command names that are also English words: a command only with arguments. */
const WORDS = new Set(['cat', 'echo', 'watch', 'mount', 'ping', 'dig', 'k']);

/** True when the expected answer is a shell command. */
function isCommand(expected: string): boolean {
  const text = normalizeSpace(expected);
  const first = text.split(' ')[0] ?? '';
  if (COMMANDS.has(first) && (text.includes(' ') || !WORDS.has(first))) return true;
  return /(?:^| )--?[A-Za-z]/.test(text) || / --(?: |$)/.test(text);
}

// ---------------------------------------------------------------------------
// Plain answers: words, case-insensitive, trailing `.`/`。` ignored

const TRAILING_PUNCT = /[.。]+$/;

function comparePlain(typed: string, expected: string): TypedResult {
  if (typed === '') return emptyTyped(expected);
  const a = typed.split(' ');
  const b = expected === '' ? [] : expected.split(' ');
  const ka = plainKeys(a);
  const kb = plainKeys(b);
  // Words that are only the ignored trailing punctuation take no part in the diff.
  const ia = indexesOf(ka);
  const ib = indexesOf(kb);
  const { aKinds, bKinds } = align(
    ia.map((i) => ka[i]!),
    ib.map((i) => kb[i]!),
  );
  const ma: Mark[] = a.map((text) => ({ text, kind: 'same' }));
  const mb: Mark[] = b.map((text) => ({ text, kind: 'same' }));
  ia.forEach((i, n) => {
    ma[i] = { text: a[i]!, kind: typedKind(aKinds[n]!) };
  });
  ib.forEach((i, n) => {
    mb[i] = { text: b[i]!, kind: expectedKind(bKinds[n]!) };
  });
  return result(ma, mb);
}

/** Comparison keys: lower case, the answer's trailing punctuation removed (null: ignored word). */
function plainKeys(words: readonly string[]): (string | null)[] {
  const keys: (string | null)[] = words.map((w) => w.toLowerCase());
  const whole = keys.join(' ');
  const stripped = whole.replace(TRAILING_PUNCT, '').trimEnd();
  if (stripped === '' || stripped === whole) return keys;
  // Strip from the end: whole words of punctuation are ignored, then the last word is cut.
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i]!;
    const cut = key.replace(TRAILING_PUNCT, '');
    if (cut === '') {
      keys[i] = null;
      continue;
    }
    keys[i] = cut;
    break;
  }
  return keys;
}

function indexesOf(keys: readonly (string | null)[]): number[] {
  const out: number[] = [];
  keys.forEach((k, i) => {
    if (k !== null) out.push(i);
  });
  return out;
}

// ---------------------------------------------------------------------------
// Shell tokenizer

interface Token {
  /** The word after quote removal (what the program would receive). */
  readonly value: string;
  /** The word as written (quotes included), shown in the diff. */
  readonly text: string;
  /** An unquoted operator: `|`, `&&`, `;`, `>`, `2>&1`, … */
  readonly op: boolean;
}

/** Operators that separate pipeline stages (each stage is compared on its own). */
const SEPARATORS = new Set(['|', '||', '&&', ';', '&', '|&']);
const TWO_CHAR_OPS = new Set(['||', '&&', '|&', '>>', '<<', '>&', '<&', '&>', '>|', '<>']);
const OP_CHARS = '|&;<>';

/**
 * Splits a command line like a POSIX shell: single quotes, double quotes (with
 * `\` escaping `$`, backquote, `"`, `\`), backslash escapes, `$(…)` and
 * backquotes kept whole, `#` comments dropped, operators split off. A trailing
 * `\` (line continuation) and a lone `\` between words are ignored. Returns null
 * on unbalanced quotes.
 */
function shellSplit(src: string): Token[] | null {
  const out: Token[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  let start = 0;
  const n = src.length;
  let i = 0;
  const flush = (end: number): void => {
    if (inWord) out.push({ value: word, text: src.slice(start, end), op: false });
    word = '';
    inWord = false;
    quoted = false;
  };
  while (i < n) {
    const c = src[i]!;
    if (!inWord && c !== ' ') start = i;
    if (c === ' ') {
      flush(i);
      i++;
    } else if (c === '\\') {
      const next = src[i + 1];
      if (next === undefined) {
        flush(i); // line continuation at the end
        return out;
      }
      if (next === ' ' && !inWord) {
        i += 2; // a lone `\` between words: a line continuation
        continue;
      }
      word += next;
      inWord = true;
      quoted = true;
      i += 2;
    } else if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) return null;
      word += src.slice(i + 1, end);
      inWord = true;
      quoted = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= n) return null;
        const d = src[i]!;
        if (d === '"') {
          i++;
          break;
        }
        if (d === '\\' && i + 1 < n && '$`"\\'.includes(src[i + 1]!)) {
          word += src[i + 1];
          i += 2;
        } else if (d === '$' && src[i + 1] === '(') {
          const end = closeParen(src, i + 1);
          if (end < 0) return null;
          word += src.slice(i, end + 1);
          i = end + 1;
        } else if (d === '`') {
          const end = src.indexOf('`', i + 1);
          if (end < 0) return null;
          word += src.slice(i, end + 1);
          i = end + 1;
        } else {
          word += d;
          i++;
        }
      }
      inWord = true;
      quoted = true;
    } else if (c === '$' && src[i + 1] === '(') {
      const end = closeParen(src, i + 1);
      if (end < 0) return null;
      word += src.slice(i, end + 1);
      inWord = true;
      i = end + 1;
    } else if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) return null;
      word += src.slice(i, end + 1);
      inWord = true;
      i = end + 1;
    } else if (c === '#' && !inWord) {
      return out; // a comment
    } else if (OP_CHARS.includes(c)) {
      const op = TWO_CHAR_OPS.has(src.slice(i, i + 2)) ? src.slice(i, i + 2) : c;
      let opStart = i;
      // `2>` and `2>&1`: a file descriptor number glued to a redirection.
      if ((op[0] === '<' || op[0] === '>') && inWord && !quoted && /^\d+$/.test(word)) {
        opStart = start;
        word = '';
        inWord = false;
      }
      flush(i);
      i += op.length;
      if (op.length === 2 && op[1] === '&' && op !== '&&' && op !== '|&') {
        const m = /^(?:\d+|-)/.exec(src.slice(i));
        if (m) i += m[0].length;
      }
      const text = src.slice(opStart, i);
      out.push({ value: text, text, op: true });
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  flush(n);
  return out;
}

/** Index of the `)` closing the `(` at `open`, skipping quoted text; -1 if none. */
function closeParen(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Fallback for unbalanced quotes: split on spaces, quotes stay part of the words. */
function spaceSplit(src: string): Token[] {
  return src
    .split(' ')
    .filter((w) => w !== '' && w !== '\\')
    .map((w) => ({ value: w, text: w, op: SEPARATORS.has(w) }));
}

function tokenize(text: string): Token[] {
  // `\` + newline continues the line; then whitespace runs collapse to one space.
  const src = text
    .replace(/\\[ \t]*\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return shellSplit(src) ?? spaceSplit(src);
}

interface Stage {
  /** The operator before this stage (`|`, `&&`, …); null for the first. */
  readonly sep: Token | null;
  readonly tokens: readonly Token[];
}

function stagesOf(tokens: readonly Token[]): Stage[] {
  const stages: Stage[] = [];
  let sep: Token | null = null;
  let current: Token[] = [];
  for (const t of tokens) {
    if (t.op && SEPARATORS.has(t.value)) {
      stages.push({ sep, tokens: current });
      sep = t;
      current = [];
    } else current.push(t);
  }
  stages.push({ sep, tokens: current });
  return stages;
}

// ---------------------------------------------------------------------------
// Flags

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
function isFlag(value: string): boolean {
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
  const cmd = words[0] === 'sudo' ? words[1] : words[0];
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
      items.push({ type: 'pos', value: t.value, text: t.text });
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

// ---------------------------------------------------------------------------
// Commands

function compareCommands(typed: string, expected: string): TypedResult {
  const ta = tokenize(typed);
  const tb = tokenize(expected);
  if (ta.length === 0) return emptyTyped(tb.map((t) => t.text).join(' '));
  const sa = stagesOf(ta);
  const sb = stagesOf(tb);
  const ma: Mark[] = [];
  const mb: Mark[] = [];
  for (let s = 0; s < Math.max(sa.length, sb.length); s++) {
    const a = sa[s];
    const b = sb[s];
    if (a && b) {
      if (a.sep && b.sep) {
        const same = a.sep.value === b.sep.value;
        ma.push({ text: a.sep.text, kind: same ? 'same' : 'wrong' });
        mb.push({ text: b.sep.text, kind: same ? 'same' : 'missing' });
      }
      compareStage(a.tokens, b.tokens, ma, mb);
    } else if (a) {
      for (const t of [...(a.sep ? [a.sep] : []), ...a.tokens])
        ma.push({ text: t.text, kind: 'extra' });
    } else if (b) {
      for (const t of [...(b.sep ? [b.sep] : []), ...b.tokens])
        mb.push({ text: t.text, kind: 'missing' });
    }
  }
  return result(ma, mb);
}

function compareStage(ta: readonly Token[], tb: readonly Token[], ma: Mark[], mb: Mark[]): void {
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
    const queues = new Map<string, Flag[]>();
    for (const a of fa) {
      if (pairA.has(a)) continue;
      const k = byKey(a);
      const q = queues.get(k);
      if (q) q.push(a);
      else queues.set(k, [a]);
    }
    for (const b of fb) {
      if (pairB.has(b)) continue;
      const a = queues.get(byKey(b))?.shift();
      if (a) {
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

// ---------------------------------------------------------------------------
// Alignment and results

/** How an element fared: matched, replaced by an element of the other side, or unmatched. */
type Fate = 'same' | 'changed' | 'alone';

function typedKind(f: Fate): Kind {
  return f === 'same' ? 'same' : f === 'changed' ? 'wrong' : 'extra';
}

function expectedKind(f: Fate): Kind {
  return f === 'same' ? 'same' : 'missing';
}

/** Above this many table cells the middle (after common prefix and suffix) is not aligned. */
const MAX_CELLS = 1_000_000;

/**
 * Longest common subsequence of a and b. Between two matches, unmatched elements
 * of both sides pair up in order as 'changed'; the rest are 'alone'.
 */
function align(a: readonly string[], b: readonly string[]): { aKinds: Fate[]; bKinds: Fate[] } {
  const matches: [number, number][] = [];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    matches.push([start, start]);
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  const tail: [number, number][] = [];
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
    tail.push([endA, endB]);
  }
  const n = endA - start;
  const m = endB - start;
  if (n > 0 && m > 0 && (n + 1) * (m + 1) <= MAX_CELLS) {
    // lcs[i * (m + 1) + j]: LCS length of a[start + i..endA) and b[start + j..endB).
    const w = m + 1;
    const lcs = new Int32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] =
          a[start + i] === b[start + j]
            ? lcs[(i + 1) * w + j + 1]! + 1
            : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[start + i] === b[start + j]) {
        matches.push([start + i, start + j]);
        i++;
        j++;
      } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) i++;
      else j++;
    }
  }
  matches.push(...tail.reverse());

  const aKinds: Fate[] = a.map(() => 'alone');
  const bKinds: Fate[] = b.map(() => 'alone');
  let prevA = 0;
  let prevB = 0;
  for (const [ma, mb] of [...matches, [a.length, b.length] as [number, number]]) {
    const pairs = Math.min(ma - prevA, mb - prevB);
    for (let k = 0; k < pairs; k++) {
      aKinds[prevA + k] = 'changed';
      bKinds[prevB + k] = 'changed';
    }
    if (ma < a.length) aKinds[ma] = 'same';
    if (mb < b.length) bKinds[mb] = 'same';
    prevA = ma + 1;
    prevB = mb + 1;
  }
  return { aKinds, bKinds };
}

/** Merges neighbouring tokens of one kind into one part (joined by a space). */
function merge(marks: readonly Mark[]): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const m of marks) {
    const last = parts[parts.length - 1];
    if (last && last.kind === m.kind)
      parts[parts.length - 1] = { text: `${last.text} ${m.text}`, kind: m.kind };
    else parts.push({ text: m.text, kind: m.kind });
  }
  return parts;
}

function result(typed: readonly Mark[], expected: readonly Mark[]): TypedResult {
  const correct =
    typed.length > 0 &&
    typed.every((m) => m.kind === 'same') &&
    expected.every((m) => m.kind === 'same');
  return { correct, typed: merge(typed), expected: merge(expected) };
}

function emptyTyped(expected: string): TypedResult {
  return {
    correct: false,
    typed: [],
    expected: expected === '' ? [] : [{ text: expected, kind: 'missing' }],
  };
}
