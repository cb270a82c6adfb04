import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | null = null;

/**
 * sql.js (SQLite compiled to WebAssembly: no native build), loaded once and only
 * by the commands that read or write Anki files. The wasm file is read from the
 * installed package, beside the bundle or the sources alike.
 */
export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(require.resolve('sql.js/dist/sql-wasm.wasm'));
    const { default: init } = await import('sql.js');
    return init({
      wasmBinary: wasm.buffer.slice(
        wasm.byteOffset,
        wasm.byteOffset + wasm.byteLength,
      ) as ArrayBuffer,
    });
  })();
  return loading;
}
