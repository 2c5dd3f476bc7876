/**
 * The GraphiQL playground opens in a headless browser with no request leaving the machine (no CDN), and
 * works first time from the demo banner's link: the key in the link's fragment becomes the
 * Authorization header, a query runs and the Docs explorer shows the schema, with nothing typed.
 * Needs Debian's Chromium at /usr/bin/chromium (.ci/run installs it); skipped where it is absent.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { playgroundLink } from "../../src/demo";
import { startTestService, type TestService } from "../support/service";

const CREATE_KEY = `mutation { createApiKey(input: { name: "playground", role: PLATFORM_ADMIN }) { secret } }`;

const CHROMIUM = "/usr/bin/chromium";
const describeWithChromium = existsSync(CHROMIUM) ? describe : describe.skip;

describeWithChromium("the GraphiQL playground", () => {
  let api: TestService;
  let browser: Browser;

  beforeAll(async () => {
    api = await startTestService({ GRAPHIQL: "true" });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it("renders GraphiQL and loads nothing from outside the machine", async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    await page.goto(`${api.url}/graphql`);
    await page.waitForSelector(".graphiql-container", { timeout: 30_000 });
    await page.waitForSelector(".graphiql-execute-button", { timeout: 30_000 });
    const external = requested.filter(
      (url) => !/^(https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|data:|blob:)/.test(url),
    );
    expect(external).toEqual([]);
    expect(requested.length).toBeGreaterThan(0);
  });

  it("runs a query and opens the Docs from the banner's link, with no key typed and none stored", async () => {
    const { data } = await api.gql<any>(CREATE_KEY);
    const secret: string = data.createApiKey.secret;
    const link = playgroundLink(api.url, { kind: "generated", secret, file: "unused" });
    const context = await browser.newContext();
    const page = await context.newPage();
    const sent: Array<{ url: string; authorization?: string }> = [];
    page.on("request", (request) =>
      sent.push({ url: request.url(), authorization: request.headers().authorization }),
    );
    await page.goto(link);
    await page.waitForSelector(".graphiql-execute-button", { timeout: 30_000 });
    // The fragment never reaches the server, and leaves the address bar once read.
    expect(sent.some((r) => r.url.includes(secret))).toBe(false);
    expect(page.url()).toBe(`${api.url}/graphql`);

    await page.click(".graphiql-execute-button");
    // Strings: they run in the page, which has a DOM this project's TypeScript does not describe.
    await page.waitForFunction(
      `document.querySelector(".result-window")?.textContent?.includes("PLATFORM_ADMIN")`,
      undefined,
      { timeout: 30_000 },
    );
    expect(sent.filter((r) => r.authorization).every((r) => r.authorization === `Bearer ${secret}`)).toBe(
      true,
    );

    await page.click('[aria-label="Show Documentation Explorer"]');
    await page.waitForSelector(".graphiql-doc-explorer", { timeout: 30_000 });
    await page.waitForFunction(
      `document.querySelector(".graphiql-doc-explorer")?.textContent?.includes("Query")`,
      undefined,
      { timeout: 30_000 },
    );
    const docs = await page.textContent(".graphiql-doc-explorer");
    expect(docs).not.toContain("Error fetching schema");

    // Nothing secret was kept in the browser's storage.
    const stored = await page.evaluate<string>("JSON.stringify({ ...localStorage })");
    expect(stored).not.toContain(secret);
    await context.close();
  });

  it("serves the page and its assets compressed, with ETags and long caching for the hashed ones", async () => {
    const page = await fetch(`${api.url}/graphql`, {
      headers: { accept: "text/html", "accept-encoding": "br, gzip" },
    });
    expect(page.headers.get("content-encoding")).toBe("br");
    expect(page.headers.get("cache-control")).toBe("no-cache");
    const html = await page.text();
    const etag = page.headers.get("etag")!;
    const again = await fetch(`${api.url}/graphql`, {
      headers: { accept: "text/html", "if-none-match": etag },
    });
    expect(again.status).toBe(304);
    const script = /<script src="([^"]+\.js)"/.exec(html)![1];
    const asset = await fetch(`${api.url}${script}`, { headers: { "accept-encoding": "gzip" } });
    expect(asset.headers.get("content-encoding")).toBe("gzip");
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(Number(asset.headers.get("content-length"))).toBeLessThan((await asset.arrayBuffer()).byteLength);
  });

  it("answers introspection only for authenticated callers", async () => {
    const anonymous = await api.gql("{ __schema { queryType { name } } }", undefined, null);
    expect(anonymous.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const authenticated = await api.gql<any>("{ __schema { queryType { name } } }");
    expect(authenticated.data.__schema.queryType.name).toBe("Query");
  });
});
