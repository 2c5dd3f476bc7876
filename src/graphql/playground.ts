/**
 * The offline GraphiQL playground (no CDN): GraphiQL as GraphQL Yoga builds it
 * (@graphql-yoga/render-graphiql), served as a small page plus content-hashed assets that browsers may
 * cache for good. The page takes the API key from its URL fragment (`#key=…`, which browsers never
 * send), puts it in the headers box and keeps it out of storage unless the user turns on "Persist
 * headers" in GraphiQL's settings. Introspection waits for a key, so Docs load as soon as one is there.
 */
import { createHash } from "node:crypto";
import {
  css,
  editorWorkerService,
  favicon,
  graphqlWorker,
  js,
  jsonWorker,
} from "@graphql-yoga/render-graphiql/graphiql";

/** Where the assets are served; the HTTP server routes this prefix to them. */
export const PLAYGROUND_ASSETS_PATH = "/graphql/assets/";

export interface PlaygroundAsset {
  /** File name with its content hash, so a changed asset is a new URL. */
  name: string;
  contentType: string;
  body: Buffer;
}

export interface Playground {
  /** The page (options inline, assets by URL). */
  page: Buffer;
  assets: PlaygroundAsset[];
}

// The browser globals `boot` uses, declared for this module alone: the project compiles for Node.
declare const document: {
  getElementById(id: string): { textContent: string | null } | null;
  querySelector(selector: string): unknown;
};
declare const localStorage: { getItem(key: string): string | null };
declare const location: { hash: string; pathname: string; search: string };
declare const history: { replaceState(data: null, unused: string, url: string): void };
declare const window: { YogaGraphiQL: { renderYogaGraphiQL(root: unknown, options: object): void } };

const DEFAULT_QUERY =
  "{\n  viewer {\n    role\n    tenants(first: 10) { nodes { id name integration { status } } }\n  }\n}\n";

/**
 * Runs in the browser after GraphiQL's bundle. The fetcher is ours: it sends the headers box as it is
 * when a request starts, and holds the schema's introspection until the box carries a key.
 */
function boot(): void {
  const settings = JSON.parse(document.getElementById("playground-options")!.textContent!) as {
    endpoint: string;
    title: string;
    defaultQuery: string;
  };
  const persisted = localStorage.getItem("graphiql:shouldPersistHeaders") === "true";
  const fragment = /(?:^#|&)key=([^&]+)/.exec(location.hash);
  const key = fragment ? decodeURIComponent(fragment[1]) : null;
  // The key leaves the address bar (and so history and bookmarks) once read.
  if (fragment) history.replaceState(null, "", location.pathname + location.search);
  const headersText = (value: string) => JSON.stringify({ Authorization: value }, null, 2);

  /** The headers of a headers box if they carry a real bearer key (not the `<your API key>` hint). */
  const withKey = (headers: unknown): Record<string, string> | null => {
    if (!headers || typeof headers !== "object") return null;
    const entry = Object.entries(headers as Record<string, unknown>).find(
      ([name]) => name.toLowerCase() === "authorization",
    );
    return typeof entry?.[1] === "string" && /^Bearer\s+[^\s<>]+$/i.test(entry[1])
      ? (headers as Record<string, string>)
      : null;
  };
  const waitingForKey: Array<(headers: Record<string, string>) => void> = [];

  const fetcher = async (
    params: { query: string; operationName?: string | null; variables?: unknown },
    options?: { headers?: Record<string, unknown> },
  ) => {
    let headers = withKey(options?.headers) ?? options?.headers ?? {};
    if (!withKey(headers) && params.operationName === "IntrospectionQuery") {
      headers = await new Promise<Record<string, string>>((resolve) => waitingForKey.push(resolve));
    }
    const response = await fetch(settings.endpoint, {
      method: "POST",
      credentials: "omit",
      headers: { "content-type": "application/json", accept: "application/json", ...headers },
      body: JSON.stringify(params),
    });
    return response.json();
  };

  window.YogaGraphiQL.renderYogaGraphiQL(document.querySelector("#root"), {
    title: settings.title,
    defaultQuery: settings.defaultQuery,
    fetcher,
    // Nothing secret is stored unless the user turns "Persist headers" on in the settings.
    shouldPersistHeaders: persisted,
    ...(key
      ? { initialHeaders: headersText(`Bearer ${key}`) }
      : persisted
        ? {}
        : { initialHeaders: headersText("Bearer <your API key>") }),
    onEditHeaders(text: string) {
      let headers: unknown;
      try {
        headers = JSON.parse(text);
      } catch {
        return;
      }
      const found = withKey(headers);
      if (found) for (const resume of waitingForKey.splice(0)) resume(found);
    },
  });
}

const hashed = (base: string, ext: string, body: Buffer) =>
  `${base}.${createHash("sha256").update(body).digest("hex").slice(0, 16)}.${ext}`;

/** Builds the page and its assets (once per process: the bundle is about 9 MB of text). */
export function buildPlayground(options: { endpoint: string; title: string }): Playground {
  // GraphiQL's editors run Monaco in web workers; as blobs they need no URL of their own.
  const script = Buffer.from(
    [
      "(function () {",
      "  const blob = (source) => URL.createObjectURL(new Blob([source], { type: 'application/javascript' }));",
      `  const workers = { editorWorkerService: blob(${JSON.stringify(editorWorkerService)}), json: blob(${JSON.stringify(jsonWorker)}), graphql: blob(${JSON.stringify(graphqlWorker)}) };`,
      "  self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_id, label) => workers[label] };",
      "})();",
      js,
      `;(${boot.toString()})();`,
    ].join("\n"),
  );
  const style = Buffer.from(css);
  const assets: PlaygroundAsset[] = [
    { name: hashed("graphiql", "js", script), contentType: "text/javascript; charset=utf-8", body: script },
    { name: hashed("graphiql", "css", style), contentType: "text/css; charset=utf-8", body: style },
  ];
  const settings = { endpoint: options.endpoint, title: options.title, defaultQuery: DEFAULT_QUERY };
  // `<` is escaped so no option can close the script element it sits in.
  const inline = JSON.stringify(settings).replace(/</g, "\\u003c");
  const page = Buffer.from(`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="referrer" content="no-referrer" />
    <title>${options.title.replace(/[<&]/g, "")}</title>
    <link rel="icon" href="${favicon}" />
    <link rel="stylesheet" href="${PLAYGROUND_ASSETS_PATH}${assets[1].name}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root"></div>
    <script type="application/json" id="playground-options">${inline}</script>
    <script src="${PLAYGROUND_ASSETS_PATH}${assets[0].name}"></script>
  </body>
</html>
`);
  return { page, assets };
}
