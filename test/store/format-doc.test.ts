import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { CardRecord } from '../../src/model/record.js';
import {
  DECK_SETTING_KEYS,
  DEFAULT_SETTINGS,
  readDeckSettings,
  readSettings,
} from '../../src/model/settings.js';
import { applyEvent, parseEventLine, type ReviewEvent } from '../../src/store/events.js';

/**
 * docs/data-format.md is the reference users script and merge against: its
 * examples must be lines kioku accepts, and it must name every event type and
 * setting, so the doc cannot drift from the code.
 */
const doc = readFileSync(
  fileURLToPath(new URL('../../docs/data-format.md', import.meta.url)),
  'utf8',
);

/** Every event type; the compiler fails here when the union gains one. */
const EVENT_TYPES = [
  'answer',
  'undo',
  'bury',
  'suspend',
  'reset',
  'reschedule',
  'imported',
  'relink',
  'drop',
  'exam',
] as const satisfies readonly ReviewEvent['type'][];
type Unlisted = Exclude<ReviewEvent['type'], (typeof EVENT_TYPES)[number]>;
const allListed: [Unlisted] extends [never] ? true : false = true;

/** The contents of the fenced blocks whose info string is exactly `info`. */
function blocks(info: string): string[] {
  const found: string[] = [];
  const fence = /^```([^\n`]*)\n([\s\S]*?)^```[ \t]*$/gm;
  for (const m of doc.matchAll(fence)) {
    if (m[1]!.trim() === info) found.push(m[2]!);
  }
  return found;
}

const logLines = blocks('json log').flatMap((b) => b.split('\n').filter((l) => l.trim() !== ''));

/** Every object key in a JSON value, at any depth. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) keysOf(v, into);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}

const mentioned = (name: string) => doc.includes(`\`${name}\``);

describe('docs/data-format.md', () => {
  it('has log examples, each a single line parseEventLine accepts', () => {
    expect(allListed).toBe(true);
    expect(logLines.length).toBeGreaterThanOrEqual(EVENT_TYPES.length);
    for (const line of logLines) {
      expect(parseEventLine(line), line).not.toBeNull();
      // One event per line, as kioku writes it: the line is the object's own JSON.
      expect(JSON.stringify(JSON.parse(line)), line).toBe(line);
    }
  });

  it('shows an example line of every event type', () => {
    const shown = new Set(logLines.map((l) => parseEventLine(l)?.type));
    for (const type of EVENT_TYPES) expect(shown, `no example of "${type}"`).toContain(type);
  });

  it('describes every field its examples use', () => {
    const fields = new Set<string>();
    for (const line of logLines) keysOf(JSON.parse(line), fields);
    for (const field of fields) expect(mentioned(field), `field "${field}"`).toBe(true);
  });

  it('shows a state file whose card records have exactly the fields kioku writes', () => {
    const [state] = blocks('json state');
    expect(state).toBeDefined();
    const parsed = JSON.parse(state!) as {
      format: number;
      log: { bytes: number; tail: string; lastAt: string; lastIds: string[] };
      cards: Record<string, CardRecord>;
    };
    expect(parsed.format).toBe(1);
    expect(Object.keys(parsed.log).sort()).toEqual(['bytes', 'lastAt', 'lastIds', 'tail']);

    // A record as applyEvent makes it, from the doc's own reset example.
    const reset = logLines.map(parseEventLine).find((e) => e?.type === 'reset')!;
    const cards: Record<string, CardRecord> = {};
    applyEvent(cards, reset);
    const recordFields = Object.keys(Object.values(cards)[0]!).sort();
    expect(Object.keys(parsed.cards).length).toBeGreaterThan(0);
    for (const record of Object.values(parsed.cards)) {
      expect(Object.keys(record).sort()).toEqual(recordFields);
    }
    // Every key but the card ids, which are data.
    const fields = new Set([...Object.keys(parsed), ...Object.keys(parsed.log), ...recordFields]);
    for (const record of Object.values(parsed.cards)) keysOf(record, fields);
    for (const field of fields) {
      expect(mentioned(field), `field "${field}"`).toBe(true);
    }
  });

  it('names every setting, and its settings.json example is exactly the defaults', () => {
    for (const key of Object.keys(DEFAULT_SETTINGS)) {
      expect(mentioned(key), `setting "${key}"`).toBe(true);
    }
    const [example] = blocks('json settings');
    expect(example).toBeDefined();
    const { settings, problems } = readSettings(JSON.parse(example!));
    expect(problems).toEqual([]);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(Object.keys(JSON.parse(example!))).toEqual(Object.keys(DEFAULT_SETTINGS));
  });

  it('names every deck override, and its scheduling: example is valid', () => {
    for (const key of DECK_SETTING_KEYS) expect(mentioned(key), `override "${key}"`).toBe(true);
    const yaml = blocks('yaml').find((b) => b.includes('scheduling:'));
    expect(yaml).toBeDefined();
    const frontMatter = parseYaml(yaml!.replace(/^---$/gm, '')) as { scheduling: unknown };
    const { settings, problems } = readDeckSettings(frontMatter.scheduling);
    expect(problems).toEqual([]);
    expect(Object.keys(settings).length).toBeGreaterThan(0);
  });
});
