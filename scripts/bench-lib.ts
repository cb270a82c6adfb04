// What the benchmark measures in-process, bundled by scripts/bench.mjs.

export { compareTyped } from '../src/answer/compare.js';
export { listDeckFiles, loadDecks, parseDeckFiles } from '../src/deck/load.js';
export { registryOf } from '../src/deck/registry.js';
export { DEFAULT_SETTINGS } from '../src/model/settings.js';
export { createScheduler } from '../src/schedule/fsrs.js';
export { createStudy } from '../src/session/study.js';
export { openStore } from '../src/store/store.js';
export { generateScale } from './gen-scale.js';
