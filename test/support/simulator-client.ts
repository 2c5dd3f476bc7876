/** An HTTPS client that trusts the simulator's CA in-process, for tests that call the simulator directly. */
import { Agent, request } from "undici";
import type { RunningSimulator } from "../../src/simulator";

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json<T = Record<string, unknown>>(): T;
}

export function simulatorClient(sim: RunningSimulator): {
  agent: Agent;
  call(
    path: string,
    init?: {
      method?: "GET" | "POST" | "DELETE";
      token?: string;
      body?: string;
      headers?: Record<string, string>;
    },
  ): Promise<Reply>;
  token(scope?: string): Promise<string>;
} {
  const agent = new Agent({ connect: { ca: sim.ca } });
  const call: ReturnType<typeof simulatorClient>["call"] = async (path, init = {}) => {
    const url = path.startsWith("https://") ? path : `${sim.url}${path}`;
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const res = await request(url, {
      method: init.method ?? "GET",
      headers,
      body: init.body,
      dispatcher: agent,
    });
    const body = Buffer.from(await res.body.arrayBuffer());
    return {
      status: res.statusCode,
      headers: res.headers,
      body,
      json: <T>() => JSON.parse(body.toString("utf8")) as T,
    };
  };
  const token = async (scope = "https://api.securitycenter.microsoft.com/.default"): Promise<string> => {
    const form = new URLSearchParams({
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      scope,
      grant_type: "client_credentials",
    });
    const reply = await call(`/${sim.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      body: form.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    if (reply.status !== 200) throw new Error(`token failed: ${reply.body.toString()}`);
    return reply.json<{ access_token: string }>().access_token;
  };
  return { agent, call, token };
}
