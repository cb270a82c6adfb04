// Small hand-written highlighters for the languages decks actually use. Each
// one splits a line into tokens whose texts concatenate back to the line
// exactly, so highlighting can never lose or reorder a character.

import type { Style } from './types.js';

export interface Tok {
  readonly text: string;
  readonly style: Style;
}

export type Language = 'yaml' | 'bash' | 'console' | 'json' | 'plain';

const LANGUAGES: Readonly<Record<string, Language>> = {
  yaml: 'yaml',
  yml: 'yaml',
  bash: 'bash',
  sh: 'bash',
  shell: 'bash',
  zsh: 'bash',
  console: 'console',
  'shell-session': 'console',
  json: 'json',
  jsonc: 'json',
};

/** The highlighter for a fence's info string (`yaml`, `bash title=x`…); plain when unknown. */
export function languageOf(info: string | undefined): Language {
  const name = (info ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return Object.hasOwn(LANGUAGES, name) ? LANGUAGES[name]! : 'plain';
}

/** Longer lines are left plain: no deck needs them coloured, and it bounds the tokenisers' work. */
const MAX_HIGHLIGHTED_LINE = 1000;

/** Tokenises code line by line (lines must hold no newline; tabs already expanded). */
export function highlight(lines: readonly string[], language: Language): Tok[][] {
  const tooLong = lines.some((l) => l.length > MAX_HIGHLIGHTED_LINE);
  switch (tooLong ? 'plain' : language) {
    case 'yaml': {
      const state: YamlState = { blockIndent: null };
      return lines.map((l) => yamlLine(l, state));
    }
    case 'bash':
    case 'console': {
      const state = newBashState(language === 'console');
      return lines.map((l) => bashLine(l, state));
    }
    case 'json':
      return lines.map(jsonLine);
    default:
      return lines.map((l) => (l === '' ? [] : [{ text: l, style: 'code' }]));
  }
}

class Out {
  readonly toks: Tok[] = [];
  push(text: string, style: Style): void {
    if (text === '') return;
    const last = this.toks[this.toks.length - 1];
    if (last && last.style === style)
      this.toks[this.toks.length - 1] = { text: last.text + text, style };
    else this.toks.push({ text, style });
  }
}

// ---------------------------------------------------------------- YAML

interface YamlState {
  /** Indent of the line that opened a `|`/`>` block scalar, while inside it. */
  blockIndent: number | null;
}

// A plain key ends in a non-space: otherwise each space of a long run would be
// tried as the key's end and rescan the run (quadratic on `a      …x`).
const YAML_KEY =
  /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],&*!|>%@`?-](?:[^#'"]*?[^ #'"])?|-[^\s#'"](?:[^#'"]*?[^ #'"])?)([ ]*)(:)(?=[ ]|$)/;
const YAML_NUMBER =
  /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|0x[\da-fA-F]+|0o[0-7]+|\.(?:inf|Inf|INF))$|^\.(?:nan|NaN|NAN)$/;
const YAML_WORDS = /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL|~)$/;
const BLOCK_SCALAR = /^([|>][-+]?\d?[-+]?)([ ]*(?:#.*)?)$/;

function yamlLine(line: string, state: YamlState): Tok[] {
  const out = new Out();
  const indent = line.length - line.trimStart().length;
  if (state.blockIndent !== null) {
    if (line.trim() === '') {
      out.push(line, 'code');
      return out.toks;
    }
    if (indent > state.blockIndent) {
      out.push(line.slice(0, indent), 'code');
      out.push(line.slice(indent), 'tok.string');
      return out.toks;
    }
    state.blockIndent = null;
  }
  out.push(line.slice(0, indent), 'code');
  let rest = line.slice(indent);
  const doc = /^(---|\.\.\.)(?=\s|$)/.exec(rest);
  if (doc) {
    out.push(doc[1]!, 'tok.punct');
    rest = rest.slice(doc[1]!.length);
  }
  for (let dash = /^-(?=[ ]|$)[ ]*/.exec(rest); dash; dash = /^-(?=[ ]|$)[ ]*/.exec(rest)) {
    out.push('-', 'tok.punct');
    out.push(dash[0].slice(1), 'code');
    rest = rest.slice(dash[0].length);
  }
  const key = YAML_KEY.exec(rest);
  if (key) {
    out.push(key[1]!, 'tok.key');
    out.push(key[2]!, 'code');
    out.push(':', 'tok.punct');
    rest = rest.slice(key[0].length);
  }
  const spaces = /^[ ]*/.exec(rest)![0];
  out.push(spaces, 'code');
  rest = rest.slice(spaces.length);
  const block = BLOCK_SCALAR.exec(rest);
  if (block) {
    out.push(block[1]!, 'tok.punct');
    yamlValue(block[2]!, out);
    state.blockIndent = indent;
    return out.toks;
  }
  yamlValue(rest, out);
  return out.toks;
}

/** A value (or anything after the key): scalars, quotes, flow collections, `{{ }}`, comments. */
function yamlValue(text: string, out: Out): void {
  let i = 0;
  let flow = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === ' ') {
      const j = skip(text, i, (ch) => ch === ' ');
      out.push(text.slice(i, j), 'code');
      i = j;
    } else if (c === '#' && (i === 0 || text[i - 1] === ' ')) {
      out.push(text.slice(i), 'tok.comment');
      i = n;
    } else if (text.startsWith('{{', i)) {
      i = template(text, i, out);
    } else if (c === '"' || c === "'") {
      const j = quoted(text, i);
      out.push(text.slice(i, j), 'tok.string');
      i = j;
    } else if (c === '[' || c === '{') {
      flow++;
      out.push(c, 'tok.punct');
      i++;
    } else if (c === ']' || c === '}' || (c === ',' && flow > 0)) {
      if (c !== ',') flow = Math.max(0, flow - 1);
      out.push(c, 'tok.punct');
      i++;
    } else if (c === ':' && flow > 0 && (text[i + 1] === ' ' || i + 1 === n)) {
      out.push(c, 'tok.punct');
      i++;
    } else if ((c === '&' || c === '*' || c === '!') && i + 1 < n && text[i + 1] !== ' ') {
      const j = skip(text, i + 1, (ch) => !/[\s,[\]{}]/.test(ch));
      out.push(text.slice(i, j), 'tok.keyword');
      i = j;
    } else {
      const j = plainEnd(text, i, flow > 0);
      const scalar = text.slice(i, j);
      const trimmed = scalar.trimEnd();
      const isKey = flow > 0 && text[j] === ':';
      out.push(trimmed, isKey ? 'tok.key' : scalarStyle(trimmed));
      out.push(scalar.slice(trimmed.length), 'code');
      i = j;
    }
  }
}

/** End of a plain scalar: a ` #` comment, `{{`, or (in flow) `,` `]` `}` `: `. */
function plainEnd(text: string, from: number, inFlow: boolean): number {
  let j = from;
  while (j < text.length) {
    const c = text[j]!;
    if (j > from && c === '#' && text[j - 1] === ' ') {
      // Give the space before the comment back to the scanner.
      return j - 1;
    }
    if (text.startsWith('{{', j) && j > from) return j;
    if (inFlow && (c === ',' || c === ']' || c === '}')) return j;
    if (inFlow && c === ':' && (text[j + 1] === ' ' || j + 1 === text.length)) return j;
    j++;
  }
  return j;
}

function scalarStyle(scalar: string): Style {
  if (YAML_NUMBER.test(scalar)) return 'tok.number';
  if (YAML_WORDS.test(scalar)) return 'tok.keyword';
  return 'tok.string';
}

/** `{{ expr }}` (Helm/Go templates): braces as punctuation, kept literally. */
function template(text: string, i: number, out: Out): number {
  const end = text.indexOf('}}', i + 2);
  if (end < 0) {
    out.push('{{', 'tok.punct');
    return i + 2;
  }
  out.push('{{', 'tok.punct');
  out.push(text.slice(i + 2, end), 'tok.variable');
  out.push('}}', 'tok.punct');
  return end + 2;
}

/** End (exclusive) of a quoted string starting at `i`; the line's end when unterminated. */
function quoted(text: string, i: number): number {
  const q = text[i];
  let j = i + 1;
  while (j < text.length) {
    const c = text[j];
    if (q === '"' && c === '\\') j += 2;
    else if (c === q) {
      if (q === "'" && text[j + 1] === "'") j += 2;
      else return j + 1;
    } else j++;
  }
  return text.length;
}

/** A sticky regex's match at `i`, without slicing the string. */
function at(re: RegExp, text: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(text);
}

function skip(text: string, i: number, keep: (ch: string) => boolean): number {
  let j = i;
  while (j < text.length && keep(text[j]!)) j++;
  return j;
}

// ---------------------------------------------------------------- bash

interface BashState {
  readonly console: boolean;
  /** The previous line ended in `\`, `|`, `&&`…: this one continues the command. */
  continued: boolean;
  /** Whether the next word is in command position (carried over a continuation). */
  commandNext: boolean;
  /** Quote left open at the end of the previous line. */
  quote: '"' | "'" | null;
  /** Here-document delimiter while inside its body. */
  heredoc: string | null;
}

function newBashState(console: boolean): BashState {
  return { console, continued: false, commandNext: true, quote: null, heredoc: null };
}

const KEYWORDS_THEN_COMMAND = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!']);
const KEYWORDS_THEN_ARGUMENT = new Set(['fi', 'done', 'esac', 'for', 'case', 'select', 'function']);
const LOOP_HEADS = new Set(['for', 'select', 'case']);
/** Commands that run the command after them. */
const WRAPPERS = new Set(['sudo', 'time', 'nohup', 'exec', 'command', 'builtin', 'env', 'xargs']);
const OPERATOR = /\|\||\|&|\||&&|;;|;|&(?!>)|\(|\)|`/y;
const REDIRECT = /\d*(?:>>|>&|>\||<<<|<<-?|<>|<&|>|<)(?:&?\d+-?|-)?|&>>?/y;
const PROMPT = /^(\s*(?:[\w.-]+@[\w.-]+(?::[^\s$#]*)?[$#]|[$#%]) )/;
const VARIABLE = /\$(?:[A-Za-z_]\w*|\d|[?@*#$!-])/y;
const HEREDOC_DELIMITER = /([ ]*)(['"]?)([\w.-]+)\2/y;
const ASSIGNMENT = /^[A-Za-z_]\w*(?:\[[^\]]*\])?\+?=/;

function bashLine(line: string, st: BashState): Tok[] {
  const out = new Out();
  if (st.heredoc !== null) {
    if (line.trim() === st.heredoc) {
      st.heredoc = null;
      out.push(line, 'tok.punct');
    } else out.push(line, 'tok.string');
    return out.toks;
  }
  let i = 0;
  const n = line.length;
  if (st.console && !st.continued && st.quote === null) {
    const prompt = PROMPT.exec(line);
    if (!prompt) {
      out.push(line, 'code');
      return out.toks;
    }
    out.push(prompt[1]!, 'tok.punct');
    i = prompt[1]!.length;
  }
  let commandNext = st.continued ? st.commandNext : true;
  let afterWrapper = false;
  let wordStart = true;
  let lastSignificant = '';
  let pendingHeredoc: string | null = null;
  // `for NAME in …`: the word after the name is the keyword `in`.
  let wordsAfterFor = 2;

  if (st.quote !== null) {
    i = bashString(line, i, st.quote, out, st);
    wordStart = false;
    commandNext = false;
  }
  while (i < n) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      const j = skip(line, i, (ch) => ch === ' ' || ch === '\t');
      out.push(line.slice(i, j), 'code');
      i = j;
      wordStart = true;
      continue;
    }
    if (c === '#' && wordStart) {
      out.push(line.slice(i), 'tok.comment');
      break;
    }
    if (c === '\\' && i === n - 1) {
      out.push('\\', 'tok.punct');
      lastSignificant = '\\';
      i++;
      break;
    }
    const redirect = wordStart || c === '<' || c === '>' ? at(REDIRECT, line, i) : null;
    if (redirect) {
      const op = redirect[0];
      out.push(op, 'tok.punct');
      i += op.length;
      lastSignificant = op;
      if (op.startsWith('<<') && !op.startsWith('<<<')) {
        const delim = at(HEREDOC_DELIMITER, line, i);
        if (delim) {
          out.push(delim[1]!, 'code');
          out.push(delim[0].slice(delim[1]!.length), 'tok.punct');
          i += delim[0].length;
          pendingHeredoc = delim[3]!;
        }
      }
      wordStart = true;
      continue;
    }
    const operator = at(OPERATOR, line, i);
    if (operator) {
      const op = operator[0];
      out.push(op, 'tok.punct');
      i += op.length;
      lastSignificant = op;
      commandNext = op !== ')';
      afterWrapper = false;
      wordStart = true;
      continue;
    }
    lastSignificant = c;
    if (c === '$') {
      if (line[i + 1] === '(') {
        out.push('$(', 'tok.punct');
        i += 2;
        commandNext = true;
        wordStart = true;
        continue;
      }
      if (wordStart) {
        commandNext = false;
        wordsAfterFor++;
      }
      i = variable(line, i, out);
      wordStart = false;
      continue;
    }
    if (c === '"' || c === "'") {
      if (wordStart) {
        commandNext = false;
        wordsAfterFor++;
      }
      i = bashString(line, i + 1, c, out, st, true);
      wordStart = false;
      continue;
    }
    // A plain chunk of a word: up to a space, quote, `$` or operator character.
    let j = i;
    while (j < n) {
      const ch = line[j]!;
      if (ch === '\\' && j + 1 < n) {
        j += 2;
        continue;
      }
      if (/[\s"'$|&;<>()`]/.test(ch) || (ch === '\\' && j === n - 1)) break;
      j++;
    }
    if (j === i) j = i + 1; // a lone character no rule took
    const chunk = line.slice(i, j);
    lastSignificant = chunk;
    if (!wordStart) out.push(chunk, 'code');
    else if (commandNext && ASSIGNMENT.test(chunk)) {
      const eq = chunk.indexOf('=');
      const name = chunk.slice(0, chunk[eq - 1] === '+' ? eq - 1 : eq);
      out.push(name, 'tok.variable');
      out.push(chunk.slice(name.length, eq + 1), 'tok.punct');
      out.push(chunk.slice(eq + 1), 'code');
    } else if (commandNext && afterWrapper && chunk.startsWith('-')) {
      pushFlag(chunk, out);
    } else if (commandNext) {
      if (KEYWORDS_THEN_COMMAND.has(chunk)) out.push(chunk, 'tok.keyword');
      else if (KEYWORDS_THEN_ARGUMENT.has(chunk)) {
        out.push(chunk, 'tok.keyword');
        commandNext = false;
      } else {
        out.push(chunk, 'tok.command');
        afterWrapper = WRAPPERS.has(chunk);
        commandNext = afterWrapper;
      }
    } else if (chunk.length > 1 && chunk.startsWith('-')) pushFlag(chunk, out);
    else if (chunk === 'in' && wordsAfterFor === 1) out.push(chunk, 'tok.keyword');
    else out.push(chunk, 'code');
    if (wordStart) wordsAfterFor = LOOP_HEADS.has(chunk) ? 0 : wordsAfterFor + 1;
    i = j;
    wordStart = false;
  }
  if (st.quote === null) {
    st.continued = lastSignificant === '\\' || /^(?:\||\|\||&&|\|&)$/.test(lastSignificant);
    st.commandNext = lastSignificant === '\\' ? commandNext : true;
  }
  if (pendingHeredoc !== null) st.heredoc = pendingHeredoc;
  return out.toks;
}

function pushFlag(chunk: string, out: Out): void {
  const eq = chunk.indexOf('=');
  if (eq > 0) {
    out.push(chunk.slice(0, eq), 'tok.flag');
    out.push(chunk.slice(eq), 'code');
  } else out.push(chunk, 'tok.flag');
}

/** `$VAR`, `${VAR…}`, `$1`, `$?`…; a lone `$` stays plain. */
function variable(line: string, i: number, out: Out): number {
  if (line[i + 1] === '{') {
    const end = line.indexOf('}', i + 2);
    const j = end < 0 ? line.length : end + 1;
    out.push(line.slice(i, j), 'tok.variable');
    return j;
  }
  const m = at(VARIABLE, line, i);
  if (m) {
    out.push(m[0], 'tok.variable');
    return i + m[0].length;
  }
  out.push('$', 'code');
  return i + 1;
}

/**
 * A quoted string from `i` (just after the opening quote when `opened`, else
 * continuing one left open on the previous line). Variables inside double
 * quotes are highlighted. Records a quote still open at the end of the line.
 */
function bashString(
  line: string,
  i: number,
  quote: '"' | "'",
  out: Out,
  st: BashState,
  opened = false,
): number {
  if (opened) out.push(quote, 'tok.string');
  let j = i;
  let start = i;
  while (j < line.length) {
    const c = line[j]!;
    if (c === quote) {
      out.push(line.slice(start, j + 1), 'tok.string');
      st.quote = null;
      return j + 1;
    }
    if (quote === '"' && c === '\\') {
      j += 2;
      continue;
    }
    if (quote === '"' && c === '$' && (line[j + 1] === '{' || at(VARIABLE, line, j) !== null)) {
      out.push(line.slice(start, j), 'tok.string');
      j = variable(line, j, out);
      start = j;
      continue;
    }
    j++;
  }
  out.push(line.slice(start), 'tok.string');
  st.quote = quote;
  return line.length;
}

// ---------------------------------------------------------------- JSON

const JSON_NUMBER = /-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const JSON_WORD = /(?:true|false|null)\b/y;

function jsonLine(line: string): Tok[] {
  const out = new Out();
  let i = 0;
  const n = line.length;
  while (i < n) {
    const c = line[i]!;
    if (c === ' ') {
      const j = skip(line, i, (ch) => ch === ' ');
      out.push(line.slice(i, j), 'code');
      i = j;
    } else if (c === '"') {
      const j = quoted(line, i);
      let k = j;
      while (line[k] === ' ') k++;
      out.push(line.slice(i, j), line[k] === ':' ? 'tok.key' : 'tok.string');
      i = j;
    } else if ('{}[],:'.includes(c)) {
      out.push(c, 'tok.punct');
      i++;
    } else if (line.startsWith('//', i)) {
      out.push(line.slice(i), 'tok.comment');
      i = n;
    } else {
      const num = at(JSON_NUMBER, line, i);
      const word = num ? null : at(JSON_WORD, line, i);
      if (num) {
        out.push(num[0], 'tok.number');
        i += num[0].length;
      } else if (word) {
        out.push(word[0], 'tok.keyword');
        i += word[0].length;
      } else {
        const j = Math.max(
          i + 1,
          skip(line, i, (ch) => !/[\s"{}[\],:]/.test(ch)),
        );
        out.push(line.slice(i, j), 'code');
        i = j;
      }
    }
  }
  return out.toks;
}
