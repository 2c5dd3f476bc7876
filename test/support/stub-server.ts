/** A tiny HTTPS server for the connector's unit tests: routes are plain functions, requests are recorded. */
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { generate } from "selfsigned";

export interface StubRequest {
  method: string;
  url: URL;
  headers: IncomingMessage["headers"];
  body: string;
}

export type StubHandler = (req: StubRequest, res: ServerResponse) => void | Promise<void>;

export interface StubServer {
  url: string;
  ca: string;
  requests: StubRequest[];
  /** Routes by `METHOD /path` (path compared case-insensitively); unmatched requests get 404. */
  route(key: string, handler: StubHandler): void;
  close(): Promise<void>;
}

export async function startStubServer(): Promise<StubServer> {
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    extensions: [
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
        ],
      },
    ],
  });
  const routes = new Map<string, StubHandler>();
  const requests: StubRequest[] = [];
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "https://127.0.0.1");
      const stub: StubRequest = {
        method: req.method ?? "GET",
        url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      requests.push(stub);
      const handler = routes.get(`${stub.method} ${url.pathname.toLowerCase()}`);
      if (!handler) return json(res, 404, { error: { code: "NotFound", message: "no route" } });
      void Promise.resolve(handler(stub, res)).catch((error) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    ca: pems.cert,
    requests,
    route: (key, handler) => {
      const [method, path] = key.split(" ");
      routes.set(`${method} ${path.toLowerCase()}`, handler);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
