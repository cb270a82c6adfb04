import { unzipSync } from 'fflate';
import { decompress as zstdDecompress } from 'fzstd';
import { protoFields, protoString, protoVarint } from './protobuf.js';

/**
 * Reading an Anki file into its collection database and media, from bytes.
 * The package version comes from the `meta` member, never from which collection
 * members are present: Legacy2 and Latest packages carry a decoy
 * `collection.anki2` holding one "please update Anki" note.
 */

/** 1 Legacy1 (`collection.anki2`), 2 Legacy2 (`collection.anki21`), 3 Latest (`collection.anki21b`, zstd). */
export type PackageVersion = 1 | 2 | 3;

export interface AnkiPackage {
  /** 0 for a bare collection file (not a package). */
  readonly version: PackageVersion | 0;
  /** The SQLite database, decompressed. */
  readonly collection: Uint8Array;
  /** Media by file name; each read (and decompressed) on demand. */
  readonly media: ReadonlyMap<string, () => Uint8Array>;
}

export class AnkiFormatError extends Error {}

const SQLITE_MAGIC = 'SQLite format 3\u0000';
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
const MEMBER: Record<PackageVersion, string> = {
  1: 'collection.anki2',
  2: 'collection.anki21',
  3: 'collection.anki21b',
};

export function isSqlite(bytes: Uint8Array): boolean {
  if (bytes.length < 16) return false;
  for (let i = 0; i < 16; i++) if (bytes[i] !== SQLITE_MAGIC.charCodeAt(i)) return false;
  return true;
}

function isZstd(bytes: Uint8Array): boolean {
  return ZSTD_MAGIC.every((b, i) => bytes[i] === b);
}

function unzstd(bytes: Uint8Array, what: string): Uint8Array {
  try {
    return zstdDecompress(bytes);
  } catch (err) {
    throw new AnkiFormatError(
      `${what} could not be decompressed (zstd: ${err instanceof Error ? err.message : String(err)}); the file is damaged or truncated`,
    );
  }
}

export function readAnkiPackage(bytes: Uint8Array): AnkiPackage {
  if (isSqlite(bytes)) return { version: 0, collection: bytes, media: new Map() };
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new AnkiFormatError(
      'not an Anki file: neither a zip package (.apkg, .colpkg) nor an SQLite collection (.anki2)',
    );
  }
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (err) {
    throw new AnkiFormatError(
      `the zip archive cannot be read (${err instanceof Error ? err.message : String(err)}); the file is damaged or truncated`,
    );
  }
  const version = packageVersion(files);
  const member = files[MEMBER[version]];
  if (!member) {
    throw new AnkiFormatError(
      `the package (version ${version}) has no ${MEMBER[version]}: the file is incomplete`,
    );
  }
  const collection = isZstd(member) ? unzstd(member, MEMBER[version]) : member;
  if (!isSqlite(collection)) {
    throw new AnkiFormatError(`${MEMBER[version]} is not an SQLite database: the file is damaged`);
  }
  return { version, collection, media: mediaOf(files, version) };
}

function packageVersion(files: Record<string, Uint8Array>): PackageVersion {
  const meta = files.meta;
  if (!meta) return files['collection.anki21'] ? 2 : 1;
  let version: number | undefined;
  try {
    version = protoVarint(protoFields(meta), 1);
  } catch {
    throw new AnkiFormatError('the package\'s "meta" member is damaged');
  }
  if (version === 1 || version === 2 || version === 3) return version;
  throw new AnkiFormatError(
    `package version ${version ?? 'unknown'} is newer than kioku understands (it reads versions 1 to 3). In Anki, export again with "Support older Anki versions" ticked`,
  );
}

function mediaOf(
  files: Record<string, Uint8Array>,
  version: PackageVersion,
): Map<string, () => Uint8Array> {
  const out = new Map<string, () => Uint8Array>();
  const map = files.media;
  if (!map || map.length === 0) return out;
  const member = (key: string) => () => {
    const data = files[key];
    if (!data)
      throw new AnkiFormatError(`media file ${key} is listed but missing from the package`);
    return version === 3 && isZstd(data) ? unzstd(data, `media file ${key}`) : data;
  };
  if (version === 3) {
    // MediaEntries { repeated MediaEntry { string name = 1; … } }: the index is the member name.
    let index = 0;
    try {
      for (const entry of protoFields(unzstd(map, 'the media list'))) {
        if (entry.field !== 1 || entry.wire !== 2) continue;
        const name = protoString(protoFields(entry.bytes), 1);
        if (name) out.set(name, member(String(index)));
        index++;
      }
    } catch (err) {
      if (err instanceof AnkiFormatError) throw err;
      throw new AnkiFormatError('the media list is damaged');
    }
    return out;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(map));
  } catch {
    throw new AnkiFormatError('the media list is not valid JSON: the file is damaged');
  }
  if (parsed && typeof parsed === 'object') {
    for (const [key, name] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof name === 'string') out.set(name, member(key));
    }
  }
  return out;
}
