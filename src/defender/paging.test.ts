import { DefenderError } from "./errors";
import { pageByNextLink, pageBySkip, skipTokenOf } from "./paging";

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe("pageBySkip", () => {
  const fleet = Array.from({ length: 25 }, (_, i) => ({ id: `m${i}` }));

  it("reads $top pages until a short page, whatever nextLink says", async () => {
    const calls: number[] = [];
    const pages = await collect(
      pageBySkip({
        top: 10,
        maxPages: 10,
        idOf: (m: { id: string }) => m.id,
        fetchPage: async (skip, top) => {
          calls.push(skip);
          const rows = fleet.slice(skip, skip + top);
          return { rawCount: rows.length, rows };
        },
      }),
    );
    expect(calls).toEqual([0, 10, 20]);
    expect(pages.flat()).toEqual(fleet);
  });

  it("drops ids already seen when pages overlap", async () => {
    const pages = await collect(
      pageBySkip({
        top: 10,
        maxPages: 10,
        idOf: (m: { id: string }) => m.id,
        // The server's order shifted between calls: the second page repeats two machines.
        fetchPage: async (skip, top) => {
          const rows = fleet.slice(Math.max(0, skip - 2), Math.max(0, skip - 2) + top);
          return { rawCount: skip >= 20 ? 7 : rows.length, rows: skip >= 20 ? fleet.slice(18) : rows };
        },
      }),
    );
    const ids = pages.flat().map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(fleet.map((m) => m.id).sort());
  });

  it("fails rather than loop when the server ignores $skip", async () => {
    const iterate = collect(
      pageBySkip({
        top: 10,
        maxPages: 50,
        idOf: (m: { id: string }) => m.id,
        fetchPage: async () => ({ rawCount: 10, rows: fleet.slice(0, 10) }),
      }),
    );
    await expect(iterate).rejects.toMatchObject({ code: "PAGING_FAILED" });
  });

  it("stops after maxPages", async () => {
    let n = 0;
    const iterate = collect(
      pageBySkip({
        top: 1,
        maxPages: 3,
        idOf: (m: { id: string }) => m.id,
        fetchPage: async () => ({ rawCount: 1, rows: [{ id: String(n++) }] }),
      }),
    );
    await expect(iterate).rejects.toThrow(/after 3 pages/);
  });

  it("is lazy: nothing is fetched before the consumer asks", async () => {
    const fetchPage = jest.fn(async () => ({ rawCount: 0, rows: [] }));
    pageBySkip({ top: 10, maxPages: 10, idOf: (m: { id: string }) => m.id, fetchPage });
    expect(fetchPage).not.toHaveBeenCalled();
  });
});

describe("pageByNextLink", () => {
  const host = (h: string) => h === "api.security.microsoft.com";

  it("follows $skiptoken until the last page, passing each page's batches on", async () => {
    const tokens: (string | undefined)[] = [];
    const pages = await collect(
      pageByNextLink({
        maxPages: 10,
        isAllowedHost: host,
        async *fetchPage(token) {
          tokens.push(token);
          const n = token ? Number(token) : 0;
          yield [n];
          yield [n + 0.5]; // a page arrives in batches
          return n < 2
            ? `https://api.security.microsoft.com/api/machines/SoftwareInventoryByMachine?pagesize=1&$skiptoken=${n + 1}`
            : undefined;
        },
      }),
    );
    expect(tokens).toEqual([undefined, "1", "2"]);
    expect(pages).toEqual([[0], [0.5], [1], [1.5], [2], [2.5]]);
  });

  it("rejects a repeated link instead of looping", async () => {
    const iterate = collect(
      pageByNextLink({
        maxPages: 10,
        isAllowedHost: host,
        async *fetchPage() {
          yield [1];
          return "https://api.security.microsoft.com/x?$skiptoken=same";
        },
      }),
    );
    await expect(iterate).rejects.toThrow(/repeats/);
  });

  it.each([
    ["https://evil.example.com/api/x?$skiptoken=abc", /unexpected host/],
    ["http://api.security.microsoft.com/api/x?$skiptoken=abc", /unexpected host/],
    ["?=onboardingstatus&=10000&$skip=10000", /not a URL/],
    ["https://api.security.microsoft.com/api/x?=10000&$skip=10", /no \$skiptoken/],
  ])("refuses the link %s", (link, message) => {
    expect(() => skipTokenOf(link, host)).toThrow(DefenderError);
    expect(() => skipTokenOf(link, host)).toThrow(message);
  });

  it("takes $skiptoken in any case", () => {
    expect(skipTokenOf("https://api.security.microsoft.com/api/x?PageSize=3&$SkipToken=eyJ9", host)).toBe(
      "eyJ9",
    );
  });
});
