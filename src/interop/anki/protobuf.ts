/**
 * Just enough protobuf to read what Anki stores as protobuf: the package `meta`,
 * the Latest media map and a few notetype/template/deck-config fields. Unknown
 * fields are skipped; anything malformed throws (the caller reports the file as damaged).
 */

export interface ProtoField {
  readonly field: number;
  /** 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. */
  readonly wire: number;
  /** Varint value (as a number: Anki's are small), or 0 for other wire types. */
  readonly value: number;
  /** The bytes of a length-delimited, fixed32 or fixed64 field. */
  readonly bytes: Uint8Array;
}

export function readVarint(buf: Uint8Array, pos: number): [value: number, next: number] {
  let result = 0;
  let scale = 1;
  for (let i = pos; i < buf.length && i < pos + 10; i++) {
    const b = buf[i]!;
    result += (b & 0x7f) * scale;
    scale *= 128;
    if ((b & 0x80) === 0) return [result, i + 1];
  }
  throw new Error('truncated protobuf varint');
}

export function protoFields(buf: Uint8Array): ProtoField[] {
  const out: ProtoField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, afterKey] = readVarint(buf, pos);
    const field = Math.floor(key / 8);
    const wire = key % 8;
    pos = afterKey;
    switch (wire) {
      case 0: {
        const [value, next] = readVarint(buf, pos);
        out.push({ field, wire, value, bytes: new Uint8Array(0) });
        pos = next;
        break;
      }
      case 1:
      case 5: {
        const size = wire === 1 ? 8 : 4;
        if (pos + size > buf.length) throw new Error('truncated protobuf field');
        out.push({ field, wire, value: 0, bytes: buf.subarray(pos, pos + size) });
        pos += size;
        break;
      }
      case 2: {
        const [length, next] = readVarint(buf, pos);
        if (next + length > buf.length) throw new Error('truncated protobuf field');
        out.push({ field, wire, value: 0, bytes: buf.subarray(next, next + length) });
        pos = next + length;
        break;
      }
      default:
        throw new Error(`unsupported protobuf wire type ${wire}`);
    }
  }
  return out;
}

const utf8 = new TextDecoder('utf-8');

export function protoString(fields: readonly ProtoField[], field: number): string | undefined {
  const f = fields.find((x) => x.field === field && x.wire === 2);
  return f ? utf8.decode(f.bytes) : undefined;
}

export function protoVarint(fields: readonly ProtoField[], field: number): number | undefined {
  return fields.find((x) => x.field === field && x.wire === 0)?.value;
}

/** Packed (or repeated) 32-bit floats. */
export function protoFloats(fields: readonly ProtoField[], field: number): number[] {
  const out: number[] = [];
  for (const f of fields) {
    if (f.field !== field) continue;
    const view = new DataView(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength);
    if (f.wire === 5) out.push(view.getFloat32(0, true));
    else if (f.wire === 2)
      for (let i = 0; i + 4 <= f.bytes.length; i += 4) out.push(view.getFloat32(i, true));
  }
  return out;
}

/** Writes a varint-and-bytes message (for the `meta` member of an export). */
export function encodeVarint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}
