/**
 * The GraphiQL playground opens in a headless browser with no request leaving the machine (no CDN).
 * Needs Debian's Chromium at /usr/bin/chromium (.ci/run installs it); skipped where it is absent.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { startTestService, type TestService } from "../support/service";

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

  it("answers introspection only for authenticated callers", async () => {
    const anonymous = await api.gql("{ __schema { queryType { name } } }", undefined, null);
    expect(anonymous.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const authenticated = await api.gql<any>("{ __schema { queryType { name } } }");
    expect(authenticated.data.__schema.queryType.name).toBe("Query");
  });
});
