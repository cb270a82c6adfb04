// Cloze notes: `{{deletions}}` (Anki's `{{c1::answer::hint}}` too) split out of
// the note's Markdown, leaving code (fenced or inline) untouched.
import type { ClozeSegment } from '../model/card.js';
import { normalizeFront } from './identity.js';
import { backtickRuns, isFenceClose, openFence } from './lines.js';
import type { Report } from './types.js';

/**
 * Splits a cloze note into text and deletions. Fenced code and inline code are
 * copied through untouched, so `{{ .Values.image }}` inside them stays literal.
 */
export function scanCloze(
  lines: readonly string[],
  firstLine: number,
  report: Report,
  /** Column of the first line's text in the file (after `C: `), for diagnostics. */
  firstColumn = 1,
): ClozeSegment[] | null {
  const segments: ClozeSegment[] = [];
  let text = '';
  let deletion: { body: string; line: number; column: number } | null = null;
  let fence: { char: string; length: number } | null = null;
  let unnumbered = 0;
  const seen = new Map<string, number>();
  let ok = true;

  const pushText = (s: string) => {
    if (deletion) deletion.body += s;
    else text += s;
  };

  lines.forEach((line, index) => {
    const lineNo = firstLine + index;
    const columnBase = index === 0 ? firstColumn : 1;
    if (index > 0) pushText('\n');
    if (fence) {
      if (isFenceClose(line, fence)) fence = null;
      pushText(line);
      return;
    }
    const f = openFence(line);
    if (f) {
      fence = f;
      pushText(line);
      return;
    }
    const closing = backtickRuns(line);
    let i = 0;
    while (i < line.length) {
      const ch = line[i]!;
      if (ch === '`') {
        let n = 1;
        while (line[i + n] === '`') n++;
        const j = closing(i + n, n);
        const end = j === -1 ? i + n : j + n;
        pushText(line.slice(i, end));
        i = end;
        continue;
      }
      if (!deletion && line.startsWith('{{', i)) {
        if (text !== '') segments.push({ type: 'text', text });
        text = '';
        deletion = { body: '', line: lineNo, column: columnBase + i };
        i += 2;
        continue;
      }
      if (deletion && line.startsWith('}}', i)) {
        const parsed = parseDeletion(deletion.body);
        if (!parsed) {
          report('error', deletion.line, 'empty cloze deletion {{}}', deletion.column);
          ok = false;
        } else {
          let group = parsed.group;
          if (group === null) {
            // Keyed by answer text, not position, so adding a deletion before it keeps its id.
            let key = normalizeFront(parsed.answer) || `#${unnumbered}`;
            // `{{c1}}` hides the text "c1"; it must not join the `{{c1::…}}` group.
            // Normalised text holds no "=", so the prefix cannot collide.
            if (/^c\d+$/.test(key)) key = `=${key}`;
            const count = seen.get(key) ?? 0;
            seen.set(key, count + 1);
            group = count === 0 ? key : `${key}#${count + 1}`;
            unnumbered++;
          }
          segments.push({
            type: 'deletion',
            group,
            answer: parsed.answer,
            ...(parsed.hint !== undefined ? { hint: parsed.hint } : {}),
          });
        }
        deletion = null;
        i += 2;
        continue;
      }
      // Plain text up to the next character that may open or close something, in one piece.
      let j = i + 1;
      while (j < line.length && line[j] !== '`' && line[j] !== '{' && line[j] !== '}') j++;
      pushText(line.slice(i, j));
      i = j;
    }
  });

  if (deletion) {
    const d = deletion as { line: number; column: number };
    report('error', d.line, 'unclosed cloze: "{{" has no matching "}}"', d.column);
    return null;
  }
  if (!ok) return null;
  if (text !== '') segments.push({ type: 'text', text });
  return segments;
}

function parseDeletion(
  body: string,
): { group: string | null; answer: string; hint?: string } | null {
  const parts = body.split('::');
  let group: string | null = null;
  if (parts.length > 1 && /^c\d+$/i.test(parts[0]!.trim())) {
    group = parts.shift()!.trim().toLowerCase();
  }
  const answer = (parts.shift() ?? '').trim();
  const hint = parts.length > 0 ? parts.join('::').trim() : undefined;
  if (answer === '') return null;
  return hint ? { group, answer, hint } : { group, answer };
}

/** The note's text with every deletion shown: what its identity is derived from. */
export function clozePlain(segments: readonly ClozeSegment[]): string {
  return segments.map((s) => (s.type === 'text' ? s.text : s.answer)).join('');
}

/** Front: this card's deletions masked as `[…]` or `[hint]`; back: them in bold. */
export function renderCloze(
  segments: readonly ClozeSegment[],
  group: string,
  side: 'front' | 'back',
): string {
  return segments
    .map((s) => {
      if (s.type === 'text') return s.text;
      if (s.group !== group) return s.answer;
      if (side === 'front') return `[${s.hint ?? '…'}]`;
      return `**${s.answer}**`;
    })
    .join('')
    .trim();
}
