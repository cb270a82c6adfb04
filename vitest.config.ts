import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // End-to-end tests drive the built program: build it once, first.
    globalSetup: ['test/global-setup.ts'],
    // Vitest's default on 2 cores is one worker: the end-to-end files, which
    // mostly wait on a terminal or a child process, would then run one by one.
    maxWorkers: 3,
    // No test file mocks modules or changes process-wide state (env, cwd, timers),
    // so files share a worker's module cache: a fresh module graph per file cost
    // as much CPU as the tests themselves.
    isolate: false,
    // Many tests start kioku, bash or git as child processes: on a loaded 2-core
    // machine one such test took 26 s. Waits inside tests keep their own deadlines.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // Deterministic runs: every test sets its own clock and zone. The device id
    // that kioku makes on first write goes to a temporary folder, not the home of
    // whoever runs the tests.
    env: { TZ: 'UTC', XDG_STATE_HOME: path.join(os.tmpdir(), 'kioku-test-state') },
  },
});
