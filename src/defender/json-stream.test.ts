import { DefenderError } from "./errors";
import { streamArrayProperty, textChunks } from "./json-stream";

async function* fromChunks(chunks: string[]): AsyncGenerator<string> {
  for (const chunk of chunks) yield chunk;
}

async function read(chunks: string[], batchSize = 2) {
  const batches: unknown[][] = [];
  const items = streamArrayProperty(fromChunks(chunks), "value", batchSize);
  for (;;) {
    const next = await items.next();
    if (next.done) return { batches, envelope: next.value };
    batches.push(next.value);
  }
}

/** Every way of cutting `body` in two, and one character at a time. */
function cuts(body: string): string[][] {
  const ways = [[body], [...body]];
  for (let i = 1; i < body.length; i++) ways.push([body.slice(0, i), body.slice(i)]);
  return ways;
}

const AWKWARD_ROWS = [
  { deviceId: "a", name: 'quote " and brace } and bracket ] and comma ,' },
  { deviceId: "b", name: "backslash at the end \\", tags: ["x", { nested: [1, 2, { deep: "]}" }] }] },
  { deviceId: "c", name: '\\" escaped pair, unicode é ☃ 🎉 \n line' },
  "a string item, [with] {brackets}",
  42,
  null,
  { deviceId: "d", empty: {}, list: [] },
];

describe("streamArrayProperty", () => {
  it("yields a page's items in batches and returns the envelope with its nextLink", async () => {
    const body = JSON.stringify({
      "@odata.context": "https://api/$metadata#Collection(x)",
      value: [{ id: 1 }, { id: 2 }, { id: 3 }],
      "@odata.nextLink": "https://api/next?$skiptoken=abc",
    });
    const { batches, envelope } = await read([body]);
    expect(batches).toEqual([[{ id: 1 }, { id: 2 }], [{ id: 3 }]]);
    expect(envelope).toEqual({
      "@odata.context": "https://api/$metadata#Collection(x)",
      value: [],
      "@odata.nextLink": "https://api/next?$skiptoken=abc",
    });
  });

  it("reads the same items and envelope however the body is cut into chunks", async () => {
    const body = `{ "@odata.nextLink" : "n\\"ext", "other": [1, {"value": [9]}], "value" : [ ${AWKWARD_ROWS.map((r) => JSON.stringify(r)).join(" ,\n ")} ] , "tail": {"a": "]"} }`;
    for (const chunks of cuts(body)) {
      const { batches, envelope } = await read(chunks, 3);
      expect(batches.flat()).toEqual(AWKWARD_ROWS);
      expect(batches.every((b) => b.length <= 3 && b.length > 0)).toBe(true);
      expect(envelope).toEqual({
        "@odata.nextLink": 'n"ext',
        other: [1, { value: [9] }],
        value: [],
        tail: { a: "]" },
      });
    }
  });

  it("finds the property whatever its casing", async () => {
    const { batches, envelope } = await read(['{"Value":[1,2,3]}']);
    expect(batches).toEqual([[1, 2], [3]]);
    expect(envelope).toEqual({ Value: [] });
  });

  it("yields nothing for an empty page", async () => {
    const { batches, envelope } = await read(['{"value":[ ]}']);
    expect(batches).toEqual([]);
    expect(envelope).toEqual({ value: [] });
  });

  it("returns the object as it is when the property is absent or not an array", async () => {
    expect((await read(['{"error":{"code":"x"}}'])).envelope).toEqual({ error: { code: "x" } });
    expect((await read(['{"value":null}'])).envelope).toEqual({ value: null });
  });

  it.each([
    ["a truncated body", ['{"value":[{"id":1},{"id"']],
    ["a body cut inside a string", ['{"value":[{"id":"abc']],
    ["text after the object", ['{"value":[]} {}']],
    ["an array at the top", ["[1,2]"]],
    ["a bare string", ['"value"']],
    ["an item that is not JSON", ['{"value":[{"id":1},{id:2}]}']],
    ["an envelope that is not JSON", ['{"value":[{"id":1}], nextLink}']],
    ["an empty body", [""]],
  ])("rejects %s as a malformed response", async (_case, chunks) => {
    const error = await read(chunks).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefenderError);
    expect((error as DefenderError).code).toBe("MALFORMED_RESPONSE");
  });
});

describe("textChunks", () => {
  it("keeps a character whole when its bytes are split across chunks", async () => {
    const bytes = Buffer.from('{"name":"é☃🎉"}', "utf8");
    const pieces = [...bytes].map((b) => Buffer.from([b]));
    let text = "";
    for await (const chunk of textChunks(fromBuffers(pieces))) text += chunk;
    expect(text).toBe('{"name":"é☃🎉"}');
  });
});

async function* fromBuffers(buffers: Buffer[]): AsyncGenerator<Buffer> {
  for (const buffer of buffers) yield buffer;
}
