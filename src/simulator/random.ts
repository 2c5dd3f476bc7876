// Stateless seeded hashing: every generated value is a pure function of (seed, coordinates), so
// any device, row or page can be recomputed on demand without keeping the fleet in memory.

function fmix32(input: number): number {
  let h = input;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes a list of integers into an unsigned 32-bit value. */
export function hash(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) h = extend(h, part);
  return h;
}

/** `hash(...parts, part)` from `hash(...parts)`: for loops that share a prefix of coordinates. */
export function extend(h: number, part: number): number {
  return fmix32((h ^ (part | 0)) + 0x6d2b79f5);
}

/** FNV-1a of a string, used to turn names into hash salts. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Maps a 32-bit hash to [0, 1). */
export function unit(h: number): number {
  return h / 4294967296;
}

export function pick<T>(items: readonly T[], h: number): T {
  return items[h % items.length];
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function hex8(h: number): string {
  return HEX_BYTE[h >>> 24] + HEX_BYTE[(h >>> 16) & 255] + HEX_BYTE[(h >>> 8) & 255] + HEX_BYTE[h & 255];
}

/** 40 hex characters, the shape of a Defender machine id. */
export function hex40(...parts: number[]): string {
  let out = "";
  for (let i = 0; i < 5; i++) out += hex8(hash(...parts, i));
  return out;
}

/** A version-4-shaped GUID. */
export function guid(...parts: number[]): string {
  const h =
    hex8(hash(...parts, 1)) + hex8(hash(...parts, 2)) + hex8(hash(...parts, 3)) + hex8(hash(...parts, 4));
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
