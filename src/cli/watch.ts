import { type FSWatcher, readdirSync, statSync, watch } from 'node:fs';
import path from 'node:path';

export interface Watcher {
  close(): void;
}

export interface WatchOptions {
  /** Quiet time after the last change before `onChange` runs: an editor's save is several events. */
  readonly debounceMs?: number;
  /** Which changed paths matter; default: Markdown files and folders. */
  readonly relevant?: (file: string) => boolean;
}

const markdownOrFolder = (file: string) => /\.md$/i.test(file) || path.extname(file) === '';

/**
 * Watches deck files and folders (each folder below them too, added ones as
 * they appear) and calls `onChange` with the paths that changed, once a burst
 * of events has settled. Files are watched through their folder: editors save
 * by writing a new file and renaming it over the old one, which a watch on the
 * file itself would lose. Hidden folders and node_modules are skipped, as the
 * deck loader skips them.
 */
export function watchPaths(
  roots: readonly string[],
  onChange: (changed: string[]) => void,
  options: WatchOptions = {},
): Watcher {
  const debounceMs = options.debounceMs ?? 150;
  const relevant = options.relevant ?? markdownOrFolder;
  const watchers = new Map<string, FSWatcher>();
  const files = new Set<string>();
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const dirRoots = () => roots.filter((r) => !files.has(r));
  /** A path inside a folder root, or a file root itself (not its neighbours). */
  const counts = (full: string) =>
    files.has(full) || dirRoots().some((r) => full === r || full.startsWith(`${r}${path.sep}`));

  const folders = (): Set<string> => {
    const found = new Set<string>();
    const walk = (dir: string) => {
      found.add(dir);
      let entries: string[];
      try {
        entries = readdirSync(dir);
      } catch {
        return;
      }
      for (const entry of entries) {
        if (entry.startsWith('.') || entry === 'node_modules') continue;
        const full = path.join(dir, entry);
        try {
          if (statSync(full).isDirectory() && !found.has(full)) walk(full);
        } catch {
          // Gone meanwhile.
        }
      }
    };
    for (const root of roots) {
      try {
        if (statSync(root).isDirectory()) walk(root);
        else {
          files.add(root);
          found.add(path.dirname(root));
        }
      } catch {
        // A root that does not exist (yet): watch its folder for it to appear.
        files.add(root);
        found.add(path.dirname(root));
      }
    }
    return found;
  };

  const sync = () => {
    const wanted = folders();
    for (const [dir, w] of watchers) {
      if (!wanted.has(dir)) {
        w.close();
        watchers.delete(dir);
      }
    }
    for (const dir of wanted) {
      if (watchers.has(dir)) continue;
      try {
        const w = watch(dir, (_event, name) => {
          const full = name ? path.join(dir, name.toString()) : dir;
          if (!counts(full) || !relevant(full)) return;
          pending.add(full);
          if (timer) clearTimeout(timer);
          timer = setTimeout(fire, debounceMs);
        });
        w.on('error', () => {
          w.close();
          watchers.delete(dir);
        });
        watchers.set(dir, w);
      } catch {
        // Unreadable or gone: the next change above it brings it back.
      }
    }
  };

  const fire = () => {
    timer = null;
    if (closed) return;
    const changed = [...pending].sort();
    pending = new Set();
    sync();
    onChange(changed);
  };

  sync();
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
