// A small protobuf (proto3 wire format) writer and reader: just what the BuildKit gateway messages need.
// Encoding is deterministic (fields in call order, map entries sorted by key) because LLB op digests are
// hashes of these bytes: the same input must give the same cache key.

const WIRE_VARINT = 0;
const WIRE_I64 = 1;
const WIRE_LEN = 2;
const WIRE_I32 = 5;

function varintBytes(value: bigint): number[] {
  let v = BigInt.asUintN(64, value); // negative int64 → 10-byte two's complement, as Go does
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

export class ProtoWriter {
  private readonly parts: Buffer[] = [];

  private tag(field: number, wire: number): void {
    this.parts.push(Buffer.from(varintBytes(BigInt((field << 3) | wire))));
  }

  /** int32/int64/uint/bool/enum; proto3 leaves out zero and false. */
  varint(field: number, value: number | bigint | boolean): this {
    const v = typeof value === "boolean" ? (value ? 1n : 0n) : BigInt(value);
    if (v === 0n) return this;
    this.tag(field, WIRE_VARINT);
    this.parts.push(Buffer.from(varintBytes(v)));
    return this;
  }

  /** A length-delimited field, written even when empty (messages: presence matters). */
  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LEN);
    this.parts.push(Buffer.from(varintBytes(BigInt(value.length))), Buffer.from(value));
    return this;
  }

  /** A string; proto3 leaves out the empty string. */
  string(field: number, value: string): this {
    return value === "" ? this : this.bytes(field, Buffer.from(value, "utf8"));
  }

  message(field: number, value: ProtoWriter | Uint8Array): this {
    return this.bytes(field, value instanceof ProtoWriter ? value.finish() : value);
  }

  /** map<string, V>: repeated {1: key, 2: value}, sorted by key for stable bytes. */
  map<V>(field: number, entries: Readonly<Record<string, V>>, value: (w: ProtoWriter, v: V) => void): this {
    for (const key of Object.keys(entries).sort()) {
      const entry = new ProtoWriter().string(1, key);
      value(entry, entries[key]);
      this.message(field, entry);
    }
    return this;
  }

  stringMap(field: number, entries: Readonly<Record<string, string>>): this {
    return this.map(field, entries, (w, v) => w.bytes(2, Buffer.from(v, "utf8")));
  }

  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

export interface Field {
  readonly field: number;
  readonly wire: number;
  /** The varint for wire type 0, the raw bytes otherwise. */
  readonly value: bigint | Buffer;
}

export class ProtoError extends Error {}

/** Decode one message level; unknown fields are kept so that callers can ignore them. */
export function decodeFields(buf: Uint8Array): Field[] {
  const data = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const fields: Field[] = [];
  let i = 0;
  const readVarint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (i >= data.length) throw new ProtoError("truncated varint");
      const b = data[i++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new ProtoError("varint too long");
    }
  };
  const take = (n: number): Buffer => {
    if (i + n > data.length) throw new ProtoError("truncated field");
    const out = data.subarray(i, i + n);
    i += n;
    return out;
  };
  while (i < data.length) {
    const key = readVarint();
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire === WIRE_VARINT) fields.push({ field, wire, value: readVarint() });
    else if (wire === WIRE_LEN) fields.push({ field, wire, value: take(Number(readVarint())) });
    else if (wire === WIRE_I64) fields.push({ field, wire, value: take(8) });
    else if (wire === WIRE_I32) fields.push({ field, wire, value: take(4) });
    else throw new ProtoError(`unsupported wire type ${wire}`);
  }
  return fields;
}

/** Typed access to a decoded message: the last value wins for scalars, as in protobuf. */
export class ProtoReader {
  readonly fields: readonly Field[];

  constructor(buf: Uint8Array) {
    this.fields = decodeFields(buf);
  }

  private last(field: number): Field | undefined {
    for (let k = this.fields.length - 1; k >= 0; k--) if (this.fields[k].field === field) return this.fields[k];
    return undefined;
  }

  has(field: number): boolean {
    return this.last(field) !== undefined;
  }

  bytes(field: number): Buffer | undefined {
    const f = this.last(field);
    return f && Buffer.isBuffer(f.value) ? f.value : undefined;
  }

  string(field: number): string {
    return this.bytes(field)?.toString("utf8") ?? "";
  }

  varint(field: number): bigint {
    const f = this.last(field);
    return f && typeof f.value === "bigint" ? f.value : 0n;
  }

  bool(field: number): boolean {
    return this.varint(field) !== 0n;
  }

  /** Every length-delimited value of a repeated field, in order. */
  repeated(field: number): Buffer[] {
    return this.fields.filter((f) => f.field === field && Buffer.isBuffer(f.value)).map((f) => f.value as Buffer);
  }

  message(field: number): ProtoReader | undefined {
    const b = this.bytes(field);
    return b ? new ProtoReader(b) : undefined;
  }

  /** map<string, bytes|message>: value bytes by key. */
  map(field: number): Map<string, Buffer> {
    const out = new Map<string, Buffer>();
    for (const entry of this.repeated(field)) {
      const e = new ProtoReader(entry);
      out.set(e.string(1), e.bytes(2) ?? Buffer.alloc(0));
    }
    return out;
  }
}
