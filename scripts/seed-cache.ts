// Run by the build: parses the repository's bundled decks once and writes
// dist/decks-cache.json, so even the first start after `npm install` draws the
// deck list without parsing. Only a cache: kioku checks each file's size and
// time before using an entry, and parses anything that changed.
import path from 'node:path';
import { deckName, listDeckFiles, parseDeckFiles } from '../src/deck/load.js';
import { writeDeckCache } from '../src/store/deckCache.js';

const [root, outDir, parserBuild] = process.argv.slice(2) as [string, string, string];
// Deck paths are shown relative to where kioku runs: `npm start` runs in the repository.
const display = (p: string) => path.relative(root, p) || p;
const files = await listDeckFiles({ root: path.join(root, 'decks'), display });
const set = await parseDeckFiles(files);
writeDeckCache(outDir, parserBuild, set, files.files, (f) => deckName(files.root, f), display);
console.log(`seeded the deck cache: ${set.cards.length} cards`);
