// A second writer for the concurrency test: opens the store (waiting for the
// lock when the other process has it), appends a few events, closes, repeats.
import { DataLockedError } from '../../src/store/lock.js';
import { openStore } from '../../src/store/store.js';

const [dir, name, total] = process.argv.slice(2) as [string, string, string];
const count = Number(total);
let written = 0;
while (written < count) {
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore({ dir });
  } catch (err) {
    if (!(err instanceof DataLockedError)) throw err;
    await new Promise((r) => setTimeout(r, Math.random() * 5));
    continue;
  }
  for (let i = 0; i < 10 && written < count; i++, written++) {
    const when = new Date(Date.UTC(2026, 0, 1, 0, 0, written));
    const at = when.toISOString();
    store.append(
      'answer',
      {
        card: `${name}-${written}`,
        deck: 'd',
        kind: 'basic',
        key: '',
        text: `${name} ${written}`,
        rating: 3,
        ms: 1,
        before: null,
        after: {
          due: at,
          stability: 1,
          difficulty: 5,
          scheduledDays: 0,
          learningSteps: 1,
          reps: 1,
          lapses: 0,
          state: 1,
          lastReview: at,
        },
      },
      when,
    );
  }
  await store.close();
}
