import { createServer, type Server } from "node:http";
import { connect as netConnect, type AddressInfo } from "node:net";
import { request } from "undici";
import { createDispatcher } from "./http";
import { json, startStubServer, type StubServer } from "../../test/support/stub-server";

/** A minimal HTTPS (CONNECT) proxy that records the hosts it tunnels to. */
async function startProxy(): Promise<{ url: string; tunnels: string[]; close(): Promise<void> }> {
  const tunnels: string[] = [];
  const proxy: Server = createServer((_req, res) => res.writeHead(405).end());
  proxy.on("connect", (req, client, head) => {
    tunnels.push(req.url ?? "");
    const [host, port] = (req.url ?? "").split(":");
    const upstream = netConnect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    tunnels,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}

describe("createDispatcher", () => {
  let server: StubServer;
  beforeAll(async () => {
    server = await startStubServer();
    server.route("GET /ping", (_req, res) => json(res, 200, { ok: true }));
  });
  afterAll(() => server.close());

  it("trusts an extra CA given in-process", async () => {
    const dispatcher = createDispatcher({ trustCa: server.ca });
    const response = await request(`${server.url}/ping`, { dispatcher });
    expect(await response.body.json()).toEqual({ ok: true });
    await dispatcher.close();
  });

  it("refuses an unknown CA without it", async () => {
    const dispatcher = createDispatcher();
    await expect(request(`${server.url}/ping`, { dispatcher })).rejects.toThrow(/certificate/);
    await dispatcher.close();
  });

  it("tunnels through HTTPS_PROXY, and goes direct for NO_PROXY hosts", async () => {
    const proxy = await startProxy();
    const port = new URL(server.url).port;
    const viaProxy = createDispatcher({ httpsProxy: proxy.url, trustCa: server.ca });
    expect((await request(`${server.url}/ping`, { dispatcher: viaProxy })).statusCode).toBe(200);
    expect(proxy.tunnels).toEqual([`127.0.0.1:${port}`]);

    const bypass = createDispatcher({ httpsProxy: proxy.url, noProxy: "127.0.0.1", trustCa: server.ca });
    expect((await request(`${server.url}/ping`, { dispatcher: bypass })).statusCode).toBe(200);
    expect(proxy.tunnels).toHaveLength(1);
    await Promise.all([viaProxy.close(), bypass.close()]);
    await proxy.close();
  });
});
