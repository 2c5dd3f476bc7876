// Measures the simulator's resident memory while a client pages the whole software inventory of a
// large fleet. Runs the simulator CLI in its own process and samples /proc/<pid>/status.
// Usage: npx swc bench/sim-memory.ts src/simulator -d dist && node dist/bench/sim-memory.js [devices]
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { join } from "node:path";
import { Agent, request } from "undici";

interface Started {
  url: string;
  caPath: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

function rssMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

async function main(): Promise<void> {
  const devices = Number(process.argv[2] ?? 100_000);
  const cli = join(__dirname, "..", "src", "simulator", "cli.js");
  const child = spawn(
    process.execPath,
    [cli, "--devices", String(devices), "--no-rate-limits", "--seed", "1"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout });
  const started = await new Promise<Started>((resolve) =>
    lines.on("line", (line) => line.startsWith("{") && resolve(JSON.parse(line) as Started)),
  );
  const agent = new Agent({ connect: { ca: readFileSync(started.caPath, "utf8") } });
  const form = new URLSearchParams({
    client_id: started.clientId,
    client_secret: started.clientSecret,
    scope: "https://api.securitycenter.microsoft.com/.default",
    grant_type: "client_credentials",
  });
  const tokenReply = await request(`${started.url}/${started.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    body: form.toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    dispatcher: agent,
  });
  const token = ((await tokenReply.body.json()) as { access_token: string }).access_token;
  const startedAt = Date.now();
  let peakSample = 0;
  const sampler = setInterval(() => (peakSample = Math.max(peakSample, rssMb(child.pid as number).rss)), 200);
  for (const endpoint of ["SoftwareInventoryByMachine", "SoftwareInventoryNoProductCodeByMachine"]) {
    let next: string | undefined = `${started.url}/api/machines/${endpoint}?pageSize=50000`;
    let rows = 0;
    let pages = 0;
    while (next) {
      const reply = await request(next, { headers: { authorization: `Bearer ${token}` }, dispatcher: agent });
      const page = (await reply.body.json()) as { value: unknown[]; "@odata.nextLink"?: string };
      rows += page.value.length;
      pages++;
      next = page["@odata.nextLink"];
    }
    console.log(`${endpoint}: ${rows} rows in ${pages} pages`);
  }
  clearInterval(sampler);
  const final = rssMb(child.pid as number);
  console.log(
    `devices=${devices} elapsed=${((Date.now() - startedAt) / 1000).toFixed(1)}s simulator RSS now=${final.rss.toFixed(0)} MB, sampled peak=${peakSample.toFixed(0)} MB, kernel peak (VmHWM)=${final.peak.toFixed(0)} MB`,
  );
  child.kill("SIGTERM");
  await agent.close();
}

void main();
