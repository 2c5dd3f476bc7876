/**
 * GraphQL over HTTP conformance: graphql-http's server audit suite against the running service. The
 * suite sends no credentials, so its fetch adds a valid API key to every request.
 */
import { serverAudits } from "graphql-http";
import { ADMIN_KEY, startTestService, type TestService } from "../support/service";

describe("GraphQL over HTTP (graphql-http audits)", () => {
  let api: TestService;

  beforeAll(async () => {
    api = await startTestService();
  });
  afterAll(() => api.stop());

  const authenticatedFetch: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set("authorization", `Bearer ${ADMIN_KEY}`);
    return fetch(input, { ...init, headers });
  };

  const audits = serverAudits({ url: () => `${api.url}/graphql`, fetchFn: authenticatedFetch });

  it.each(
    audits.filter((audit) => audit.name.startsWith("MUST")).map((audit) => [audit.name, audit] as const),
  )("%s", async (_name, audit) => {
    const result = await audit.fn();
    expect(result.status === "ok" ? "ok" : `${result.status}: ${result.reason}`).toBe("ok");
  });

  /**
   * Recommendations this server deliberately does not follow: Apollo's CSRF prevention refuses GETs that
   * carry no preflight header (the suite sends none), and Apollo answers request errors with 400 also for
   * `application/json` clients.
   */
  const NOT_FOLLOWED = [
    "MAY accept application/x-www-form-urlencoded formatted GET requests",
    "MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json",
    "MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json",
    "SHOULD use 200 status code on document parsing failure when accepting application/json",
    "SHOULD use 200 status code on document validation failure when accepting application/json",
    "SHOULD use a status code of 200 on variable coercion failure when accepting application/json",
  ];

  it("passes every SHOULD and MAY audit but the few it deliberately does not follow", async () => {
    const failed: string[] = [];
    for (const audit of audits.filter((a) => !a.name.startsWith("MUST"))) {
      if ((await audit.fn()).status !== "ok") failed.push(audit.name);
    }
    expect(failed.sort()).toEqual(NOT_FOLLOWED.slice().sort());
  });
});
