// Typed-answer cards (`T:`): compare what the user typed with the expected
// answer and annotate both for the review screen. Pure: no I/O, never throws.
//
// Three ways, chosen by the EXPECTED answer:
// - kubectl commands (`kubectl …` or the exam's `k …`): read the way kubectl
//   reads them and compared on their canonical form (kubectl.ts): every
//   spelling kubectl treats as the same command is accepted, and the
//   explanation says what was recognised or what differs;
// - other shell commands (first word is a known command, or the answer has
//   ` --` / ` -x` flags): tokenized like a POSIX shell and compared
//   structurally (quoting, flag order and `--flag=value` vs `--flag value` do
//   not matter; positional order does) (shell.ts);
// - plain answers: compared word by word, ignoring case and a trailing `.`/`。`.
//
// The UI prints the parts of each side joined by single spaces, so every part is
// one or more whole tokens: `typed.map((p) => p.text).join(' ')` is the normalised
// typed text (NFKC; words separated by one space; for commands each word as
// written, quotes and the blanks inside them included, without comments and
// line continuations), and likewise for `expected`.

import { align, emptyTyped, expectedKind, type Mark, result, typedKind } from './align.js';
import { compareKubectl, isKubectl } from './kubectl.js';
import { compareStage } from './shell.js';
import { stagesOf, tokenize } from './tokenize.js';
import type { Note, TypedResult } from './types.js';

export type { DiffPart, InvalidReason, Note, TypedResult } from './types.js';

/** NFKC, then every run of whitespace (full-width spaces included) to one space, trimmed. */
function normalizeSpace(text: string): string {
  // Only runs that are not already one space are replaced: `/\s+/g` replaced every
  // single space too, half a second on a 1 MB answer.
  return text
    .normalize('NFKC')
    .replace(/\s{2,}|[^\S ]/g, ' ')
    .trim();
}

/**
 * Longest answer (either side, in characters) compared word by word. Beyond it
 * (a runaway paste, or a deck's megabyte code span) the answer is judged as
 * whole text: a word diff of a megabyte took seconds of a frozen review screen.
 */
export const MAX_COMPARED = 16 * 1024;

export function compareTyped(typed: string, expected: string): TypedResult {
  if (typed.length > MAX_COMPARED || expected.length > MAX_COMPARED)
    return compareWhole(typed, expected);
  try {
    const expectedText = expected.normalize('NFKC');
    return isCommand(expectedText)
      ? compareCommands(typed.normalize('NFKC'), expectedText)
      : comparePlain(normalizeSpace(typed), normalizeSpace(expected));
  } catch {
    // Defensive only: the comparison has no known way to throw.
    return compareWhole(String(typed), String(expected));
  }
}

/** Right only when the normalised texts are equal; each side one part. */
function compareWhole(typed: string, expected: string): TypedResult {
  const a = normalizeSpace(typed);
  const b = normalizeSpace(expected);
  const correct = a !== '' && a === b;
  return {
    correct,
    typed: a === '' ? [] : [{ text: a, kind: correct ? 'same' : 'wrong' }],
    expected: b === '' ? [] : [{ text: b, kind: correct ? 'same' : 'missing' }],
  };
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
// Commands: stage by stage

/**
 * A typed kubectl stage longer than this (a runaway paste, not a command) is
 * compared structurally only: it keeps checking instant whatever is pasted.
 */
const MAX_MODELLED = 1000;

function compareCommands(typed: string, expected: string): TypedResult {
  const ta = tokenize(typed);
  const tb = tokenize(expected);
  if (ta.length === 0) return emptyTyped(tb.map((t) => t.text).join(' '));
  const sa = stagesOf(ta);
  const sb = stagesOf(tb);
  const ma: Mark[] = [];
  const mb: Mark[] = [];
  // Set when a kubectl stage was judged on its canonical form: then that
  // judgement, not token equality, decides (`deploy` matches `deployment`).
  let notes: Note[] | null = null;
  let verdict = true;
  for (let s = 0; s < Math.max(sa.length, sb.length); s++) {
    const a = sa[s];
    const b = sb[s];
    if (a && b) {
      if (a.sep && b.sep) {
        const same = a.sep.value === b.sep.value;
        if (!same) verdict = false;
        ma.push({ text: a.sep.text, kind: same ? 'same' : 'wrong' });
        mb.push({ text: b.sep.text, kind: same ? 'same' : 'missing' });
      }
      if (isKubectl(b.tokens) && isKubectl(a.tokens) && a.tokens.length <= MAX_MODELLED) {
        const stageNotes: Note[] = [];
        const fromA = ma.length;
        const fromB = mb.length;
        const outcome = compareKubectl(a.tokens, b.tokens, ma, mb, stageNotes);
        if (outcome.type === 'compared') {
          notes = [...(notes ?? []), ...stageNotes];
          if (!outcome.correct) verdict = false;
          continue;
        }
        ma.length = fromA;
        mb.length = fromB;
        if (outcome.type === 'invalid') {
          notes = [...(notes ?? []), ...stageNotes, outcome.note];
          verdict = false;
          compareStage(a.tokens, b.tokens, ma, mb);
          // kubectl refuses it: at least the offending word must not look right.
          if (ma.slice(fromA).every((m) => m.kind === 'same')) {
            const bad = ma.findIndex((m, i) => i >= fromA && m.text.includes(outcome.note.text));
            if (bad >= 0) ma[bad] = { ...ma[bad]!, kind: 'wrong' };
          }
          continue;
        }
      }
      const fromA = ma.length;
      const fromB = mb.length;
      compareStage(a.tokens, b.tokens, ma, mb);
      if (
        ma.slice(fromA).some((m) => m.kind !== 'same') ||
        mb.slice(fromB).some((m) => m.kind !== 'same')
      )
        verdict = false;
    } else if (a) {
      verdict = false;
      for (const t of [...(a.sep ? [a.sep] : []), ...a.tokens])
        ma.push({ text: t.text, kind: 'extra' });
    } else if (b) {
      verdict = false;
      for (const t of [...(b.sep ? [b.sep] : []), ...b.tokens])
        mb.push({ text: t.text, kind: 'missing' });
    }
  }
  return notes === null ? result(ma, mb) : result(ma, mb, notes, verdict);
}
