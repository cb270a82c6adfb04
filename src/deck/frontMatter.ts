// A deck's YAML front matter: read into DeckMeta, each problem reported at its
// line in the file.
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { CKA_DOMAINS } from '../model/exam.js';
import { readDeckSettings } from '../model/settings.js';
import type { DeckMeta, Report } from './types.js';

/** Front-matter keys a deck may set; anything else is a warning, never an error. */
export const FRONT_MATTER_KEYS = [
  'title',
  'description',
  'tags',
  'lang',
  'sources',
  'domain',
  'scheduling',
] as const;

/** Front matter is a few settings; thousands of lines are not a deck's. */
const MAX_FRONT_MATTER_LINES = 1000;

/** CKA exam domains a deck can declare (used to weight mock exams). */
export const DOMAINS = CKA_DOMAINS;

/** Reads the front matter at the top of `lines`, if any; the body starts at `bodyStart`. */
export function readFrontMatter(
  lines: string[],
  report: Report,
): { meta: DeckMeta; bodyStart: number } {
  const empty: DeckMeta = { tags: [], sources: [] };
  if (lines[0]?.trimEnd() !== '---') return { meta: empty, bodyStart: 0 };
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!.trimEnd();
    if (l === '---' || l === '...') {
      end = i;
      break;
    }
  }
  if (end === -1) {
    report('error', 1, 'front matter is not closed: add a line "---" after it');
    return { meta: empty, bodyStart: 1 };
  }
  // The YAML library checks keys for duplicates pair by pair: bound how many it sees.
  if (end - 1 > MAX_FRONT_MATTER_LINES) {
    report(
      'error',
      1,
      `front matter too long: ${end - 1} lines (at most ${MAX_FRONT_MATTER_LINES}); it was ignored`,
    );
    return { meta: empty, bodyStart: end + 1 };
  }
  const yamlText = lines.slice(1, end).join('\n');
  let data: unknown;
  try {
    data = parseYaml(yamlText, { uniqueKeys: true });
  } catch (err) {
    const pos = err instanceof YAMLParseError && err.linePos ? err.linePos[0] : null;
    // The library counts lines from the start of the YAML, not of the file: drop
    // its "at line 2, column 1:" and report the file position instead.
    const message = (err instanceof Error ? err.message.split('\n')[0]! : String(err))
      .replace(/ at line \d+, column \d+:?$/, '')
      .replace(/:$/, '');
    report('error', pos ? pos.line + 1 : 1, `invalid front matter: ${message}`, pos ? pos.col : 1);
    return { meta: empty, bodyStart: end + 1 };
  }
  if (data === null || data === undefined) return { meta: empty, bodyStart: end + 1 };
  if (typeof data !== 'object' || Array.isArray(data)) {
    report('error', 2, 'invalid front matter: expected "key: value" lines');
    return { meta: empty, bodyStart: end + 1 };
  }

  // The line of each top-level key, found once: a search per key is quadratic in many keys.
  const firstLine = new Map<string, number>();
  for (let i = 1; i < end; i++) {
    const colon = lines[i]!.indexOf(':');
    const key = colon > 0 ? lines[i]!.slice(0, colon) : '';
    if (key !== '' && !firstLine.has(key)) firstLine.set(key, i + 1);
  }
  const keyLine = (key: string) => {
    if (!key.includes(':')) return firstLine.get(key) ?? 2;
    const idx = lines.slice(1, end).findIndex((l) => l.startsWith(`${key}:`));
    return idx === -1 ? 2 : idx + 2;
  };
  const record = data as Record<string, unknown>;
  const meta: { -readonly [K in keyof DeckMeta]: DeckMeta[K] } = { tags: [], sources: [] };
  for (const [key, value] of Object.entries(record)) {
    switch (key) {
      case 'title':
      case 'description':
      case 'lang':
        if (typeof value === 'string') meta[key] = value;
        else report('error', keyLine(key), `invalid front matter: "${key}" must be text`);
        break;
      case 'domain':
        if (typeof value === 'string' && DOMAINS.includes(value)) meta.domain = value;
        else
          report(
            'error',
            keyLine(key),
            `invalid front matter: "domain" must be one of ${DOMAINS.join(', ')}`,
          );
        break;
      case 'scheduling': {
        const { settings, problems } = readDeckSettings(value);
        meta.scheduling = settings;
        for (const p of problems) report('error', keyLine(key), `invalid front matter: ${p}`);
        break;
      }
      case 'tags':
      case 'sources': {
        const list = typeof value === 'string' ? [value] : value;
        if (
          Array.isArray(list) &&
          list.every((t) => typeof t === 'string' || typeof t === 'number')
        ) {
          meta[key] = list.map(String);
        } else {
          report('error', keyLine(key), `invalid front matter: "${key}" must be a list of words`);
        }
        break;
      }
      default:
        report(
          'warning',
          keyLine(key),
          `unknown front-matter key "${key}" (known: ${FRONT_MATTER_KEYS.join(', ')})`,
        );
    }
  }
  return { meta, bodyStart: end + 1 };
}
