/**
 * Anki field HTML → Markdown that kioku's deck parser and renderer read as the
 * same content: paragraphs and line breaks, bold/italic/strike, code, lists,
 * tables, links, images and sounds (pointed at the deck's assets folder).
 * Scripts, styles and unknown tags are dropped, keeping their text. Linear in
 * the input: one pass of a tag/text tokenizer, then one pass to build blocks.
 */

export interface HtmlOptions {
  /** Maps a media file name as written in the field to the path to write in Markdown. */
  readonly media: (name: string) => string;
}

type Token =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'open';
      readonly tag: string;
      readonly attrs: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'close'; readonly tag: string };

const VOID = new Set(['br', 'img', 'hr', 'input', 'meta', 'link', 'wbr', 'source']);
const BLOCK = new Set([
  'div',
  'p',
  'section',
  'article',
  'header',
  'footer',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'ul',
  'ol',
  'li',
  'table',
  'tr',
  'pre',
  'center',
  'dl',
  'dt',
  'dd',
]);
const DROP = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'svg']);

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  middot: '·',
  bull: '•',
  times: '×',
  divide: '÷',
  deg: '°',
  plusmn: '±',
  copy: '©',
  reg: '®',
  trade: '™',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  harr: '↔',
  rArr: '⇒',
  lArr: '⇐',
  hArr: '⇔',
  le: '≤',
  ge: '≥',
  ne: '≠',
  asymp: '≈',
  infin: '∞',
  sup2: '²',
  sup3: '³',
  frac12: '½',
  micro: 'µ',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  pi: 'π',
  sigma: 'σ',
  mu: 'μ',
  lambda: 'λ',
  omega: 'ω',
  theta: 'θ',
  shy: '',
  zwj: '\u200d',
  zwnj: '\u200c',
};

export function decodeEntities(text: string): string {
  return text.replace(
    /&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z][a-z0-9]{1,31});/gi,
    (whole, body: string) => {
      if (body[0] === '#') {
        const code =
          body[1] === 'x' || body[1] === 'X'
            ? Number.parseInt(body.slice(2), 16)
            : Number.parseInt(body.slice(1), 10);
        return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
          ? String.fromCodePoint(code)
          : whole;
      }
      return NAMED[body] ?? NAMED[body.toLowerCase()] ?? whole;
    },
  );
}

function tokenize(html: string): Token[] {
  const out: Token[] = [];
  const tag =
    /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<![^>]*>/g;
  let last = 0;
  for (let m = tag.exec(html); m !== null; m = tag.exec(html)) {
    if (m.index > last) out.push({ kind: 'text', text: html.slice(last, m.index) });
    last = tag.lastIndex;
    const name = m[2]?.toLowerCase();
    if (!name) continue; // a comment or doctype
    if (m[1]) out.push({ kind: 'close', tag: name });
    else {
      out.push({ kind: 'open', tag: name, attrs: attributes(m[3] ?? '') });
      if (/\/\s*$/.test(m[3] ?? '') && !VOID.has(name)) out.push({ kind: 'close', tag: name });
    }
  }
  if (last < html.length) out.push({ kind: 'text', text: html.slice(last) });
  return out;
}

function attributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  const attr = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (let m = attr.exec(source); m !== null; m = attr.exec(source)) {
    out[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

/** Characters that would start Markdown syntax at a line start or inside a line. */
function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]<>])/g, '\\$1');
}

interface Frame {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  /** Where this element's inline text starts in the current line buffer. */
  readonly start: number;
}

/**
 * Converts one field. The result never contains a line that kioku's deck parser
 * would read as structure (a marker, a heading, a rule, a fence, an id comment):
 * such lines are escaped.
 */
export function htmlToMarkdown(html: string, options: HtmlOptions): string {
  const tokens = tokenize(html.replace(/\r\n?/g, '\n'));
  const blocks: string[] = [];
  let line = '';
  const lines: string[] = [];
  const lists: { ordered: boolean; n: number }[] = [];
  let quote = 0;
  let pre: string[] | null = null;
  let table: string[][] | null = null;
  let row: string[] | null = null;
  let cell: string | null = null;
  const stack: Frame[] = [];
  let dropDepth = 0;

  const prefix = () => '> '.repeat(quote);
  const flushLine = () => {
    const trimmed = line.replace(/[ \t\u00a0]+$/g, '');
    if (trimmed.trim() !== '' && !/^\s*(?:-|\d+\.)$/.test(trimmed)) lines.push(trimmed);
    line = '';
  };
  const endBlock = () => {
    flushLine();
    if (lines.length > 0) {
      let block = prefix() + lines[0]!;
      for (let i = 1; i < lines.length; i++) {
        // A hard break (backslash) between lines of a paragraph; list items need none.
        const item = LIST_ITEM.test(lines[i]!) || LIST_ITEM.test(lines[i - 1]!);
        block += `${item ? '\n' : '\\\n'}${prefix()}${lines[i]}`;
      }
      blocks.push(block);
      lines.length = 0;
    }
  };
  const emit = (s: string) => {
    if (cell !== null) cell += s;
    else line += s;
  };

  for (const t of tokens) {
    if (dropDepth > 0) {
      if (t.kind === 'open' && DROP.has(t.tag)) dropDepth++;
      if (t.kind === 'close' && DROP.has(t.tag)) dropDepth--;
      continue;
    }
    if (pre) {
      if (t.kind === 'text') pre.push(decodeEntities(t.text));
      else if (t.kind === 'open' && t.tag === 'br') pre.push('\n');
      else if (t.kind === 'open' && (t.tag === 'div' || t.tag === 'p')) pre.push('\n');
      else if (t.kind === 'close' && t.tag === 'pre') {
        const code = pre.join('').replace(/^\n+|\n+$/g, '');
        const fence = '`'.repeat(Math.max(3, longestRun(code, '`') + 1));
        blocks.push(`${fence}\n${code}\n${fence}`);
        pre = null;
      }
      continue;
    }
    if (t.kind === 'text') {
      let text = decodeEntities(t.text).replace(/[ \t\n]+/g, ' ');
      text = text.replace(/\[sound:([^\]]+)\]/g, '\u0000$1\u0001');
      const parts = text.split(/\u0000([^\u0001]*)\u0001/);
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i]!;
        if (i % 2 === 1) emit(`[🔊 ${escapeInline(part)}](${linkTarget(options.media(part))})`);
        else if (part !== '') emit(line === '' && cell === null ? part.replace(/^ /, '') : part);
      }
      continue;
    }
    if (t.kind === 'open') {
      const { tag, attrs } = t;
      if (DROP.has(tag)) {
        dropDepth = 1;
        continue;
      }
      if (tag === 'br') {
        if (cell !== null) cell += ' ';
        else flushLine();
        continue;
      }
      if (tag === 'img') {
        const src = attrs.src ?? '';
        if (src !== '')
          emit(`![${escapeInline(attrs.alt ?? '')}](${linkTarget(mediaOrUrl(src, options))})`);
        continue;
      }
      if (tag === 'hr') {
        endBlock();
        continue;
      }
      if (tag === 'pre') {
        endBlock();
        pre = [];
        continue;
      }
      if (tag === 'table') {
        endBlock();
        table = [];
        continue;
      }
      if (tag === 'tr' && table) {
        row = [];
        continue;
      }
      if ((tag === 'td' || tag === 'th') && table) {
        if (!row) row = [];
        cell = '';
        continue;
      }
      if (tag === 'ul' || tag === 'ol') {
        if (lists.length === 0) endBlock();
        else flushLine();
        lists.push({ ordered: tag === 'ol', n: 0 });
        continue;
      }
      if (tag === 'li') {
        flushLine();
        const list = lists[lists.length - 1];
        const depth = Math.max(0, lists.length - 1);
        if (list) list.n++;
        line = `${'   '.repeat(depth)}${list?.ordered ? `${list.n}.` : '-'} `;
        continue;
      }
      if (tag === 'blockquote') {
        endBlock();
        quote++;
        continue;
      }
      if (BLOCK.has(tag)) {
        if (lists.length > 0 && line.trim() !== '' && /^\s*(?:-|\d+\.)\s*$/.test(line)) continue;
        if (tag === 'p' || /^h[1-6]$/.test(tag)) endBlock();
        else flushLine();
        stack.push({ tag, attrs, start: 0 });
        if (/^h[1-6]$/.test(tag)) emit('**');
        continue;
      }
      stack.push({ tag, attrs, start: (cell ?? line).length });
      if (tag === 'b' || tag === 'strong') emit('**');
      else if (tag === 'i' || tag === 'em') emit('*');
      else if (tag === 's' || tag === 'del' || tag === 'strike') emit('~~');
      else if (tag === 'code' || tag === 'kbd' || tag === 'tt') emit('\u0002');
      continue;
    }
    // close
    const { tag } = t;
    if (tag === 'table' && table) {
      if (row && row.length > 0) table.push(row);
      blocks.push(renderTable(table));
      table = null;
      row = null;
      cell = null;
      continue;
    }
    if ((tag === 'td' || tag === 'th') && table && row && cell !== null) {
      row.push(cell.trim().replace(/\|/g, '\\|'));
      cell = null;
      continue;
    }
    if (tag === 'tr' && table && row) {
      table.push(row);
      row = null;
      continue;
    }
    if (tag === 'ul' || tag === 'ol') {
      flushLine();
      lists.pop();
      if (lists.length === 0) endBlock();
      continue;
    }
    if (tag === 'li') {
      flushLine();
      continue;
    }
    if (tag === 'blockquote') {
      endBlock();
      quote = Math.max(0, quote - 1);
      continue;
    }
    let index = -1;
    for (let i = stack.length - 1; i >= 0; i--) {
      if (stack[i]!.tag === tag) {
        index = i;
        break;
      }
    }
    if (index === -1) continue;
    const frame = stack[index]!;
    stack.length = index;
    if (/^h[1-6]$/.test(tag)) {
      emit('**');
      endBlock();
      continue;
    }
    if (BLOCK.has(tag)) {
      if (tag === 'p') endBlock();
      else flushLine();
      continue;
    }
    if (tag === 'b' || tag === 'strong') closeWrap('**');
    else if (tag === 'i' || tag === 'em') closeWrap('*');
    else if (tag === 's' || tag === 'del' || tag === 'strike') closeWrap('~~');
    else if (tag === 'code' || tag === 'kbd' || tag === 'tt') closeWrap('\u0002');
    else if (tag === 'a') {
      const href = frame.attrs.href ?? '';
      const buf: string = cell ?? line;
      const label: string = buf.slice(frame.start);
      if (href !== '' && !/^javascript:/i.test(href) && label.trim() !== '') {
        const link: string = `[${label.trim()}](${linkTarget(mediaOrUrl(href, options))})`;
        if (cell !== null) cell = cell.slice(0, frame.start) + link;
        else line = line.slice(0, frame.start) + link;
      }
    }

    function closeWrap(mark: string) {
      const buf = cell ?? line;
      const inner = buf.slice(frame.start + mark.length);
      let replaced: string;
      if (inner.trim() === '') replaced = inner;
      else if (mark === '\u0002') {
        const plain = inner;
        const ticks = '`'.repeat(longestRun(plain, '`') + 1);
        const pad = plain.startsWith('`') || plain.endsWith('`') ? ' ' : '';
        replaced = `${ticks}${pad}${plain}${pad}${ticks}`;
      } else {
        // Emphasis must hug its text: `** a **` is not bold.
        const lead = inner.match(/^\s*/)![0];
        const trail = inner.match(/\s*$/)![0];
        replaced = `${lead}${mark}${inner.trim()}${mark}${trail}`;
      }
      if (cell !== null) cell = cell.slice(0, frame.start) + replaced;
      else line = line.slice(0, frame.start) + replaced;
    }
  }
  if (pre) blocks.push(`\`\`\`\n${pre.join('').replace(/^\n+|\n+$/g, '')}\n\`\`\``);
  if (table) {
    if (row && row.length > 0) table.push(row);
    blocks.push(renderTable(table));
  }
  endBlock();
  return guardLines(blocks.filter((b) => b.trim() !== '').join('\n\n'));
}

function longestRun(text: string, char: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

function renderTable(rows: readonly (readonly string[])[]): string {
  const kept = rows.filter((r) => r.length > 0);
  if (kept.length === 0) return '';
  const width = Math.max(...kept.map((r) => r.length));
  const pad = (r: readonly string[]) =>
    `| ${Array.from({ length: width }, (_, i) => r[i] || ' ').join(' | ')} |`;
  return [pad(kept[0]!), `|${' --- |'.repeat(width)}`, ...kept.slice(1).map(pad)].join('\n');
}

function mediaOrUrl(src: string, options: HtmlOptions): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) return src;
  let name = src;
  try {
    name = decodeURIComponent(src);
  } catch {
    // A stray % stays as written.
  }
  return options.media(name);
}

function linkTarget(target: string): string {
  return /[\s()<>]/.test(target) ? `<${target.replace(/[<>]/g, encodeURIComponent)}>` : target;
}

const LIST_ITEM = /^\s*(?:-|\d+\.) /;

const STRUCTURE =
  /^(?:[QARTC]:(?:[ \t]|$)|#{1,6}(?:[ \t]|$)|[ \t]*(?:`{3,}|~{3,})|[ \t]*<!--| {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$)/;

/**
 * Escapes lines the deck parser would take as structure. Fenced code blocks the
 * converter wrote itself stay as they are.
 */
export function guardLines(markdown: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (fence) {
      out.push(l);
      if (l === fence) fence = null;
      continue;
    }
    if (/^`{3,}$/.test(l) && lines.indexOf(l, i + 1) !== -1) {
      fence = l;
      out.push(l);
      continue;
    }
    if (!STRUCTURE.test(l)) out.push(l);
    // `Q\: …` shows as `Q: …` but is no marker; the others escape their first character.
    else if (/^[QARTC]:/.test(l)) out.push(`${l[0]}\\${l.slice(1)}`);
    else out.push(l.replace(/^([ \t]*)/, '$1\\'));
  }
  return out.join('\n');
}
