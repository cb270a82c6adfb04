// The bin: the only module that exits or handles signals. Everything else is run().
import { processIo } from './io.js';
import { run } from './run.js';

/** Resolves once everything written to the stream so far has been handed to the OS. */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writableLength === 0) resolve();
    else stream.write('', () => resolve());
  });
}

async function exit(code: number): Promise<never> {
  // A reader that stopped reading must not keep kioku alive for ever.
  const stuck = new Promise((resolve) => setTimeout(resolve, 2000).unref());
  await Promise.race([Promise.all([drained(process.stdout), drained(process.stderr)]), stuck]);
  process.exit(code);
}

// A reader that goes away (`kioku cards | head`) is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

// Closing the terminal (SIGHUP) or `kill` (SIGTERM) must still run exit handlers,
// which release the data lock; every answer is already durable in the log.
process.once('SIGHUP', () => void exit(129));
process.once('SIGTERM', () => void exit(143));

run(process.argv.slice(2), processIo(), process.env).then(exit, (error: unknown) => {
  process.stderr.write(`kioku: ${error instanceof Error ? error.stack : String(error)}\n`);
  return exit(1);
});
