// Shell word splitting for typed commands: what a POSIX shell would hand to the
// program, and each word as it was written (for the diff). Pure.

export interface Token {
  /** The word after quote removal (what the program would receive). */
  readonly value: string;
  /** The word as written (quotes included, quoted blanks kept exactly), shown in the diff. */
  readonly text: string;
  /** An unquoted operator: `|`, `&&`, `;`, `>`, `2>&1`, … */
  readonly op: boolean;
}

/** Operators that separate pipeline stages (each stage is compared on its own). */
export const SEPARATORS: ReadonlySet<string> = new Set(['|', '||', '&&', ';', '&', '|&']);
const TWO_CHAR_OPS = new Set(['||', '&&', '|&', '>>', '<<', '>&', '<&', '&>', '>|', '<>']);
const OP_CHARS = '|&;<>';
/** Blanks that separate words outside quotes (NFKC has already made U+3000 a space). */
const BLANK = /\s/;
/** Characters that end a run of ordinary word characters. */
const SPECIAL = /[\s\\'"$`#|&;<>]/;

/**
 * Splits a command line like a POSIX shell: single quotes, double quotes (with
 * `\` escaping `$`, backquote, `"`, `\`), backslash escapes, `$(…)` and
 * backquotes kept whole, `#` comments dropped, operators split off. A trailing
 * `\` (line continuation) and a lone `\` between words are ignored. Blanks
 * inside quotes belong to the word, exactly as typed. Returns null on
 * unbalanced quotes.
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
    const blank = BLANK.test(c);
    if (!inWord && !blank) start = i;
    if (blank) {
      flush(i);
      i++;
    } else if (c === '\\') {
      const next = src[i + 1];
      if (next === undefined) {
        flush(i); // line continuation at the end
        return out;
      }
      if (BLANK.test(next) && !inWord) {
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
      // A run of ordinary characters at once (one string per run, not per character).
      let j = i + 1;
      while (j < n && !SPECIAL.test(src[j]!)) j++;
      word += src.slice(i, j);
      inWord = true;
      i = j;
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

/** Fallback for unbalanced quotes: split on blanks, quotes stay part of the words. */
function blankSplit(src: string): Token[] {
  return src
    .split(/\s+/)
    .filter((w) => w !== '' && w !== '\\')
    .map((w) => ({ value: w, text: w, op: SEPARATORS.has(w) }));
}

/** Shell words of a command line (NFKC already applied by the caller). */
export function tokenize(text: string): Token[] {
  // `\` + newline continues the line.
  const src = text.replace(/\\[ \t]*\r?\n/g, ' ').trim();
  return shellSplit(src) ?? blankSplit(src);
}

export interface Stage {
  /** The operator before this stage (`|`, `&&`, …); null for the first. */
  readonly sep: Token | null;
  readonly tokens: readonly Token[];
}

export function stagesOf(tokens: readonly Token[]): Stage[] {
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
