/**
 * Streams the items of one array property of a JSON object (an OData page's `value`) as the body
 * arrives. A scanner that follows only strings and nesting cuts each item's text out of the stream,
 * and the native JSON.parse parses a batch of items at a time: memory is bounded by a batch, not by
 * the page (a 200,000-row page is ~100 MB of text), and parsing overlaps the transfer.
 */
import { DefenderError } from "./errors";

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

const malformed = (message: string, cause?: unknown) =>
  new DefenderError("MALFORMED_RESPONSE", message, cause === undefined ? undefined : { cause });

const isWhitespace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Yields the items of `object[property]` (the key matched in any case: Defender's casing drifts) in
 * arrays of up to `batchSize`, then returns the object with that property emptied (`[]`), e.g. to
 * read `@odata.nextLink`. Throws MALFORMED_RESPONSE for a body that is not one complete JSON object.
 */
export async function* streamArrayProperty(
  chunks: AsyncIterable<string>,
  property: string,
  batchSize: number,
): AsyncGenerator<unknown[], Record<string, unknown>> {
  const scanner = new ItemScanner(property);
  for await (const chunk of chunks) {
    scanner.feed(chunk);
    while (scanner.items.length >= batchSize) yield parseItems(scanner.items.splice(0, batchSize));
  }
  const envelope = scanner.finish();
  if (scanner.items.length) yield parseItems(scanner.items.splice(0));
  return envelope;
}

function parseItems(items: string[]): unknown[] {
  try {
    return JSON.parse(`[${items.join(",")}]`) as unknown[];
  } catch (error) {
    throw malformed("A page's items are not valid JSON", error);
  }
}

/**
 * Cuts the text of each item of one array property out of a JSON object fed chunk by chunk. It follows
 * strings and nesting only; JSON.parse checks everything else (the items, and the envelope at the end).
 */
class ItemScanner {
  /** Items' text, in order, not yet taken. */
  readonly items: string[] = [];
  /** The top-level object's text up to and including the items' `[`. */
  private envelope = "";
  /** Unconsumed text: the current item, or the envelope since the items (or from the start). */
  private text = "";
  private depth = 0;
  private inString = false;
  /** Start (in `text`) of the last string at depth 1, and the key the last colon there followed. */
  private stringStart = -1;
  private lastString = "";
  private key = "";
  /** Inside the items' array (depth 2 is its own level); `itemStart` is -1 between items. */
  private inItems = false;
  private itemStart = -1;
  private ended = false;

  private readonly property: string;

  constructor(property: string) {
    this.property = property.toLowerCase();
  }

  feed(chunk: string): void {
    let i = this.text.length;
    let text = (this.text += chunk);
    while (i < text.length) {
      if (this.inString) {
        const end = stringEnd(text, i);
        if (end < 0) break;
        i = end;
        this.inString = false;
        if (this.depth === 1) this.lastString = text.slice(this.stringStart, i);
        continue;
      }
      i = this.inItems ? this.scanItems(text, i) : this.scanEnvelope(text, i);
      text = this.text; // either may have moved consumed text out
    }
    // Between chunks keep only what is still open: the current item, or the envelope so far.
    if (this.inItems) {
      this.text = this.itemStart >= 0 ? text.slice(this.itemStart) : "";
      this.itemStart = this.itemStart >= 0 ? 0 : -1;
    }
  }

  /** The hot loop: inside the items only strings, nesting and the commas between items matter. */
  private scanItems(text: string, from: number): number {
    let depth = this.depth;
    let itemStart = this.itemStart;
    let i = from;
    try {
      for (; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          if (depth === 2 && itemStart < 0) itemStart = i;
          const end = stringEnd(text, i + 1);
          if (end < 0) {
            this.inString = true; // it closes in a later chunk
            return text.length;
          }
          i = end - 1;
        } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
          if (depth === 2 && itemStart < 0) itemStart = i;
          depth++;
        } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
          if (depth === 2) {
            // The items' array closes; the envelope goes on from its `]`.
            if (itemStart >= 0) this.items.push(text.slice(itemStart, i));
            itemStart = -1;
            this.inItems = false;
            this.text = text.slice(i);
            return 0;
          }
          depth--;
        } else if (c === COMMA) {
          if (depth === 2 && itemStart >= 0) {
            this.items.push(text.slice(itemStart, i));
            itemStart = -1;
          }
        } else if (depth === 2 && itemStart < 0 && !isWhitespace(c)) {
          itemStart = i; // a number or literal item
        }
      }
      return i;
    } finally {
      this.depth = depth;
      this.itemStart = itemStart;
    }
  }

  private scanEnvelope(text: string, i: number): number {
    const c = text.charCodeAt(i);
    if (this.ended) {
      if (!isWhitespace(c)) throw malformed("A response body has text after its JSON object");
    } else if (c === QUOTE) {
      if (this.depth === 0) throw malformed("A response body is not a JSON object");
      this.inString = true;
      this.stringStart = i;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (this.depth === 0 && c !== OPEN_OBJECT) throw malformed("A response body is not a JSON object");
      this.depth++;
      if (this.depth === 2 && c === OPEN_ARRAY && this.key === this.property) {
        this.inItems = true;
        this.envelope += text.slice(0, i + 1);
        this.text = text.slice(i + 1);
        return 0;
      }
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (--this.depth < 0) throw malformed("A response body is not valid JSON");
      if (this.depth === 0) this.ended = true;
    } else if (c === COLON) {
      if (this.depth === 1) this.key = parseKey(this.lastString).toLowerCase();
    } else if (this.depth === 0 && !isWhitespace(c)) {
      throw malformed("A response body is not a JSON object");
    }
    return i + 1;
  }

  /** The envelope, once the body has ended. */
  finish(): Record<string, unknown> {
    if (!this.ended) throw malformed("A response body ended before its JSON was complete");
    try {
      return JSON.parse(this.envelope + this.text) as Record<string, unknown>;
    } catch (error) {
      throw malformed("A response body is not valid JSON", error);
    }
  }
}

/** From `from` inside a string, the index after its closing quote, or -1 when it is not in `text`. */
function stringEnd(text: string, from: number): number {
  for (let close = text.indexOf('"', from); close >= 0; close = text.indexOf('"', close + 1)) {
    let backslashes = 0;
    for (let j = close - 1; text.charCodeAt(j) === BACKSLASH; j--) backslashes++;
    if (backslashes % 2 === 0) return close + 1;
  }
  return -1;
}

function parseKey(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return "";
  }
}

/** The decoded text of a byte stream, chunk by chunk (a character split across chunks is kept whole). */
export async function* textChunks(bytes: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of bytes) yield decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}
