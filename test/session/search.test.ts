import { afterEach, describe, expect, it } from 'vitest';
import { Rating } from '../../src/schedule/fsrs.js';
import { parseQuery, searchCards } from '../../src/session/search.js';
import { makeStudy } from '../helpers/study.js';

const EN = `---
lang: en
tags: [cka]
---
# Networking

Q: Default NodePort range? #ports
A: 30000-32767

Q: Which Service type is the default?
A: ClusterIP
`;
const JA = `---
lang: ja
---
# ワークロード

Q: Ｄｅｐｌｏｙｍｅｎｔ が管理するものは？
A: ReplicaSet
`;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const now = new Date('2026-03-10T12:00:00Z');

async function setup() {
  const made = await makeStudy({ 'en/net': EN, 'ja/work': JA }, { now });
  cleanups.push(made.cleanup);
  const { study } = made;
  const find = (q: string) =>
    searchCards(study.decks.cards, study.records, parseQuery(q, now, study.day)).map(
      (c) => c.front,
    );
  return { ...made, find };
}

describe('browse search', () => {
  it('matches words in the front, back, breadcrumb and tags, folding case and width', async () => {
    const { find } = await setup();
    expect(find('nodeport')).toEqual(['Default NodePort range?']);
    expect(find('clusterip')).toEqual(['Which Service type is the default?']);
    expect(find('networking')).toHaveLength(2);
    expect(find('deployment')).toEqual(['Ｄｅｐｌｏｙｍｅｎｔ が管理するものは？']);
    expect(find('ワークロード')).toHaveLength(1);
  });

  it('filters by tag, deck and state, and negates with -', async () => {
    const { find, study } = await setup();
    expect(find('tag:ports')).toEqual(['Default NodePort range?']);
    expect(find('tag:cka')).toHaveLength(2);
    expect(find('deck:ja')).toHaveLength(1);
    expect(find('-deck:ja')).toHaveLength(2);
    const first = study.decks.cards[0]!;
    study.answer(first, null, Rating.Easy, 1, now);
    expect(find('is:review')).toEqual([first.front]);
    expect(find('is:new')).toHaveLength(2);
    study.suspend(first, true, now);
    expect(find('is:suspended')).toEqual([first.front]);
  });

  it('filters by due date', async () => {
    const { find, study } = await setup();
    const [a, b] = study.decks.cards;
    study.answer(a!, null, Rating.Again, 1, now); // due in a minute
    study.answer(b!, null, Rating.Easy, 1, now); // due in days
    expect(find('due:today')).toEqual([a!.front]);
    expect(find('due:<30')).toHaveLength(2);
    expect(find('due:overdue')).toEqual([]);
  });

  it('reports an unknown filter instead of failing', async () => {
    const { study } = await setup();
    expect(parseQuery('is:sleeping due:soon', now, study.day).problems).toEqual([
      expect.stringContaining('unknown is:sleeping'),
      expect.stringContaining('unknown due:soon'),
    ]);
  });
});
