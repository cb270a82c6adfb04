// The deck parser: front matter, then the body's lines, each classified on its
// own (lines.ts), fed through the state machine below, which collects cards and
// hands each finished one to cards.ts. Linear in the input; never throws on bad
// input, reports `file:line` diagnostics instead.
import type { Card } from '../model/card.js';
import { checkExhaustive } from '../util/exhaustive.js';
import { type DeckContext, finishCard, type OpenCard } from './cards.js';
import { readFrontMatter } from './frontMatter.js';
import { classifyLine, closesFence, type Fence } from './lines.js';
import type { Diagnostic, ParsedDeck } from './types.js';

export { DOMAINS, FRONT_MATTER_KEYS } from './frontMatter.js';

const VALID_ID = /^[\p{L}\p{N}][\p{L}\p{N}._\-/:]*$/u;

export interface ParseInput {
  /** Deck name, e.g. `ja/architecture`. */
  readonly name: string;
  /** Path used in diagnostics. */
  readonly file: string;
  readonly source: string;
}

/** Parses one deck file. Pure: never throws on bad input, reports diagnostics instead. */
export function parseDeck(input: ParseInput): ParsedDeck {
  const { name, file } = input;
  const diagnostics: Diagnostic[] = [];
  const report = (severity: Diagnostic['severity'], line: number, message: string, column = 1) =>
    diagnostics.push({ severity, file, line, column, message });

  // CRLF, lone CR and a BOM must parse exactly like LF.
  const text = input.source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');

  const { meta, bodyStart } = readFrontMatter(lines, report);
  const deck: DeckContext = { name, file, lang: meta.lang ?? '', meta };

  // The machine's state: the card being collected, the headings above it,
  // whether an answer with no question is being skipped, and an open code fence.
  const cards: Card[] = [];
  const headings: string[] = [];
  let open: OpenCard | null = null;
  let strayAnswer = false;
  let fence: (Fence & { line: number }) | null = null;

  const close = () => {
    if (open) finishCard(open, deck, cards, report);
    open = null;
    strayAnswer = false;
  };
  const append = (raw: string, lineNo: number) => {
    if (!open) return;
    (open.back ?? open.front).push(raw);
    (open.back ? open.backLines : open.frontLines).push(lineNo);
  };

  for (let i = bodyStart; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = i + 1;
    const line = classifyLine(raw, fence !== null);

    switch (line.kind) {
      case 'code':
        append(raw, lineNo);
        break;
      case 'fence':
        if (!fence) fence = { char: line.char, length: line.length, line: lineNo };
        else if (closesFence(line, fence)) fence = null;
        append(raw, lineNo);
        break;
      case 'answer': {
        // `A: ```yaml` opens a fence too: its lines (`# comment`, `---`, `Q:`) are code.
        if (line.fence) fence = { ...line.fence, line: lineNo };
        const current = open as OpenCard | null;
        // After a C: card, an A: side is its "extra": shown only with the answer.
        if (current && current.back === null) {
          current.back = [line.side];
          current.backLines = [lineNo];
          current.backLine = lineNo;
          current.tags.push(...line.tags);
        } else {
          close();
          const why = current
            ? 'this card already has an answer'
            : 'no Q:, R:, T: or C: line before it';
          report('error', lineNo, `answer without a question (${why})`);
          strayAnswer = true;
        }
        break;
      }
      case 'question':
      case 'reversible':
      case 'typed':
      case 'cloze':
        if (line.fence) fence = { ...line.fence, line: lineNo };
        close();
        open = {
          kind: line.marker as OpenCard['kind'],
          line: lineNo,
          column: line.column,
          front: [line.side],
          frontLines: [lineNo],
          back: null,
          backLines: [],
          backLine: 0,
          tags: line.tags,
          explicitId: null,
          headings: [...headings],
        };
        break;
      case 'heading':
        close();
        headings.length = Math.min(headings.length, line.level - 1);
        while (headings.length < line.level - 1) headings.push('');
        headings.push(line.text);
        break;
      case 'break':
        close();
        break;
      case 'id': {
        const current = open as OpenCard | null;
        if (!current) {
          report('error', lineNo, 'id comment is not attached to a card (put it right after one)');
        } else if (!VALID_ID.test(line.id)) {
          report(
            'error',
            lineNo,
            `invalid card id "${line.id}": use letters, digits and . _ - / : (starting with a letter or digit)`,
          );
        } else if (current.explicitId !== null) {
          report('error', lineNo, `card already has the id "${current.explicitId}"`);
        } else {
          current.explicitId = line.id;
        }
        break;
      }
      case 'blank':
      case 'text':
        if (!strayAnswer) append(raw, lineNo);
        break;
      default:
        checkExhaustive(line);
    }
  }

  if (fence) {
    report(
      'error',
      fence.line,
      `unclosed code fence: no closing ${fence.char.repeat(fence.length)} before the end of the file`,
    );
  }
  close();

  return { name, file, meta, cards, diagnostics };
}
