// Dockerfile bytes ↔ text without loss. Valid UTF-8 decodes as usual; each byte that is not part of a valid
// UTF-8 sequence (a GBK comment, a Latin-1 LABEL) becomes the lone surrogate U+DC80–U+DCFF and encodes back
// to the same byte, so every byte msb-opt does not rewrite is written back exactly.
// (Valid UTF-8 never yields a lone surrogate, so the mapping is one-to-one.)

const STRICT = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
/** A byte that was not valid UTF-8, kept as a lone surrogate. */
const RAW_BYTE = /[\uDC80-\uDCFF]/u;

export function decodeBytes(bytes: Uint8Array): string {
  try {
    return STRICT.decode(bytes);
  } catch {
    return decodeLossless(bytes);
  }
}

export function encodeText(text: string): Buffer {
  if (!RAW_BYTE.test(text)) return Buffer.from(text, "utf8");
  const parts: Buffer[] = [];
  let start = 0;
  for (const m of text.matchAll(/[\uDC80-\uDCFF]/gu)) {
    parts.push(Buffer.from(text.slice(start, m.index), "utf8"), Buffer.of(text.charCodeAt(m.index) - 0xdc00));
    start = m.index + 1;
  }
  parts.push(Buffer.from(text.slice(start), "utf8"));
  return Buffer.concat(parts);
}

/** Does the text hold bytes that were not valid UTF-8? */
export function hasRawBytes(text: string): boolean {
  return RAW_BYTE.test(text);
}

function decodeLossless(bytes: Uint8Array): string {
  const out: string[] = [];
  let i = 0;
  let run = 0; // start of the current run of valid UTF-8
  const flush = (end: number) => {
    if (end > run) out.push(STRICT.decode(bytes.subarray(run, end)));
  };
  while (i < bytes.length) {
    const n = validSequence(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    flush(i);
    out.push(String.fromCharCode(0xdc00 + bytes[i]));
    i++;
    run = i;
  }
  flush(i);
  return out.join("");
}

/** The length of the valid UTF-8 sequence at `i` (RFC 3629: no overlongs, surrogates or values past U+10FFFF), or 0. */
function validSequence(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c >= 0xe1 && c <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}
