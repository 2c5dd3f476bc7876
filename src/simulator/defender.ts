// Defender for Endpoint and Graph endpoints over the fleet: machines, software inventory (JSON
// pages and gzip export files), browser extensions, logon users and advanced hunting.
import { createHmac } from "node:crypto";
import type { ServerResponse } from "node:http";
import { createGzip } from "node:zlib";
import { once } from "node:events";
import { DAY_MS, type Device, type Fleet, type SoftwareRow } from "./fleet";
import { HttpError, queryParams, sendJson, streamJsonArray } from "./http";
import { parseMachineFilter } from "./machines-filter";
import { decodeCursor, encodeCursor, pageOf, type Cursor } from "./paging";
import {
  browserExtensionJson,
  logonUserJson,
  machineJson,
  nonCpeJson,
  pascalKeys,
  softwareJson,
} from "./resources";
import type { SimulatorState } from "./state";
import { runHunting, type HuntingResult } from "./kql";

export interface DefenderContext {
  url: string;
  state: SimulatorState;
  blobKey: Buffer;
  deviceIndex?: Map<string, number>;
}

const MACHINES_MAX_TOP = 10_000;
const SOFTWARE_DEFAULT_PAGE = 50_000;
const SOFTWARE_MAX_PAGE = 200_000;
const DEVICES_PER_EXPORT_FILE = 5_000;

function intParam(params: Map<string, string>, name: string, fallback: number, max: number, min = 0): number {
  const raw = params.get(name.toLowerCase());
  if (raw === undefined) return fallback;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < min)
    throw new HttpError(400, "InvalidInput", `Invalid value '${raw}' for parameter ${name}.`);
  if (value > max)
    throw new HttpError(400, "InvalidInput", `The value of ${name} must be less than or equal to ${max}.`);
  return value;
}

export async function listMachines(ctx: DefenderContext, res: ServerResponse, url: URL): Promise<void> {
  const params = queryParams(url);
  const top = params.has("$top") ? intParam(params, "$top", MACHINES_MAX_TOP, MACHINES_MAX_TOP) : undefined;
  const skip = intParam(params, "$skip", 0, Number.MAX_SAFE_INTEGER);
  const filter = params.get("$filter");
  const matches = parseMachineFilter(filter);
  const { fleet } = ctx.state;
  const day = ctx.state.day;
  const asOf = ctx.state.asOf();
  const size = top ?? MACHINES_MAX_TOP;
  let more = false;
  function* machines(): Generator<Record<string, unknown>> {
    let seen = 0;
    let sent = 0;
    for (const { device, former } of fleet.machineRecords(day)) {
      const machine = machineJson(fleet, device, day, asOf, former);
      if (!matches(machine)) continue;
      if (seen++ < skip) continue;
      if (sent === size) {
        more = true;
        return;
      }
      sent++;
      yield machine;
    }
  }
  // The real API omits @odata.nextLink whenever $top is given.
  const nextLink = (): string => {
    if (top !== undefined || !more) return "";
    const next = new URLSearchParams({ $skip: String(skip + size) });
    if (filter) next.set("$filter", filter);
    return `,"@odata.nextLink":${JSON.stringify(`${ctx.url}/api/machines?${next.toString()}`)}`;
  };
  await streamJsonArray(
    res,
    `{"@odata.context":"${ctx.url}/api/$metadata#Machines","value":[`,
    machines(),
    () => `]${nextLink()}}`,
  );
}

/** Looks a machine up by id or computer name through an index built on first use. */
function findDevice(ctx: DefenderContext, id: string): Device {
  const { fleet, day } = ctx.state;
  if (!ctx.deviceIndex) {
    ctx.deviceIndex = new Map();
    for (let index = 0; index < fleet.indexSpace; index++) {
      const device = fleet.device(index);
      ctx.deviceIndex.set(device.id, index);
      ctx.deviceIndex.set(device.computerDnsName.toLowerCase(), index);
    }
  }
  const index = ctx.deviceIndex.get(id.toLowerCase());
  const device = index === undefined ? undefined : fleet.device(index);
  if (!device || !fleet.isListed(device, day))
    throw new HttpError(404, "ResourceNotFound", `Machine ${id} was not found`);
  return device;
}

export function getMachine(ctx: DefenderContext, res: ServerResponse, id: string): void {
  const device = findDevice(ctx, id);
  sendJson(res, 200, {
    "@odata.context": `${ctx.url}/api/$metadata#Machines/$entity`,
    ...machineJson(ctx.state.fleet, device, ctx.state.day, ctx.state.asOf()),
  });
}

export function logonUsers(ctx: DefenderContext, res: ServerResponse, id: string): void {
  const { fleet, day } = ctx.state;
  const device = findDevice(ctx, id);
  const asOf = ctx.state.asOf();
  const users = fleet.hasData(device, day)
    ? fleet
        .logonUsers(device)
        .map((u, i) =>
          logonUserJson(u.user, u.logonType, u.networkOnly, asOf, Math.max(1, day - device.joinDay) + i),
        )
    : [];
  sendJson(res, 200, { "@odata.context": `${ctx.url}/api/$metadata#Users`, value: users });
}

type InventoryKind = "cpe" | "noncpe" | "browser";

function inventoryRows(fleet: Fleet, kind: InventoryKind, day: number): (device: Device) => unknown[] {
  if (kind === "browser") return (device) => fleet.browserExtensions(device, day);
  const cpe = kind === "cpe";
  return (device) => fleet.softwareRows(device, day).filter((row) => row.item.cpe === cpe);
}

function renderInventory(
  kind: InventoryKind,
  day: number,
  asOf: number,
): (device: Device, row: unknown) => Record<string, unknown> {
  if (kind === "browser")
    return (device, row) =>
      browserExtensionJson(device, row as Parameters<typeof browserExtensionJson>[1], day, asOf);
  if (kind === "cpe") return (device, row) => softwareJson(device, row as SoftwareRow, day, asOf);
  return (device, row) => nonCpeJson(device, row as SoftwareRow, asOf);
}

const INVENTORY_PATHS: Record<InventoryKind, string> = {
  cpe: "/api/machines/SoftwareInventoryByMachine",
  noncpe: "/api/machines/SoftwareInventoryNoProductCodeByMachine",
  browser: "/api/Machines/BrowserExtensionsInventoryByMachine",
};

const INVENTORY_CONTEXT: Record<InventoryKind, string> = {
  cpe: "Collection(microsoft.windowsDefenderATP.api.AssetSoftware)",
  noncpe: "Collection(microsoft.windowsDefenderATP.api.AssetNonCpeSoftware)",
  browser: "Collection(microsoft.windowsDefenderATP.api.AssetBrowserExtension)",
};

/** Paged JSON inventory: pageSize (default 50,000, max 200,000), $skiptoken nextLink, $top without nextLink. */
export async function inventoryPage(
  ctx: DefenderContext,
  res: ServerResponse,
  url: URL,
  kind: InventoryKind,
): Promise<void> {
  const params = queryParams(url);
  const pageSize = intParam(params, "pageSize", SOFTWARE_DEFAULT_PAGE, SOFTWARE_MAX_PAGE, 1);
  const top = params.has("$top") ? intParam(params, "$top", pageSize, SOFTWARE_MAX_PAGE) : undefined;
  const token = params.get("$skiptoken");
  const start: Cursor = token ? decodeCursor(token) : { day: ctx.state.day, deviceIndex: 0, row: 0 };
  const { fleet } = ctx.state;
  const asOf = ctx.state.asOf() - (ctx.state.day - start.day) * DAY_MS;
  const page = pageOf(
    fleet,
    start,
    top ?? pageSize,
    inventoryRows(fleet, kind, start.day),
    renderInventory(kind, start.day, asOf),
  );
  const tail = (): string => {
    const next = page.next();
    if (top !== undefined || !next) return "]}";
    const link = `${ctx.url}${INVENTORY_PATHS[kind]}?pageSize=${pageSize}&$skiptoken=${encodeURIComponent(encodeCursor(next))}`;
    return `],"@odata.nextLink":${JSON.stringify(link)}}`;
  };
  await streamJsonArray(
    res,
    `{"@odata.context":"${ctx.url}/api/$metadata#${INVENTORY_CONTEXT[kind]}","value":[`,
    page.rows,
    tail,
  );
}

function blobSignature(ctx: DefenderContext, path: string, expiry: string): string {
  return createHmac("sha256", ctx.blobKey).update(`${path}\n${expiry}`).digest("base64");
}

/** "Via files" export: SAS-like links to gzip JSON-lines files, one per block of devices. */
export function exportFiles(ctx: DefenderContext, res: ServerResponse, url: URL, kind: InventoryKind): void {
  const params = queryParams(url);
  // Links last 1 h by default (up to 6 h); the non-CPE export's doc says 3 h (up to 24 h).
  const defaultHours = kind === "noncpe" ? 3 : 1;
  const hours = intParam(params, "sasValidHours", defaultHours, kind === "noncpe" ? 24 : 6) || defaultHours;
  const now = ctx.state.now();
  const start = new Date(now).toISOString().slice(0, 19) + "Z";
  const expiry = new Date(now + hours * 3_600_000).toISOString().slice(0, 19) + "Z";
  const files = Math.ceil(ctx.state.fleet.indexSpace / DEVICES_PER_EXPORT_FILE);
  const exportFiles = Array.from({ length: files }, (_, part) => {
    const path = `/_blob/tvm-export/${kind}/${ctx.state.day}/part-${String(part).padStart(5, "0")}.json.gz`;
    const sas = new URLSearchParams({
      sv: "2024-08-04",
      st: start,
      se: expiry,
      sr: "b",
      sp: "r",
      sig: blobSignature(ctx, path, expiry),
    });
    return `${ctx.url}${path}?${sas.toString()}`;
  });
  sendJson(res, 200, {
    "@odata.context": `${ctx.url}/api/$metadata#microsoft.windowsDefenderATP.api.ExportFilesResponse`,
    exportFiles,
    generatedTime: start,
  });
}

function blobError(res: ServerResponse, status: number, code: string, message: string, detail: string): void {
  const body = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}\nTime:${new Date().toISOString()}</Message><AuthenticationErrorDetail>${detail}</AuthenticationErrorDetail></Error>`;
  res.writeHead(status, { "Content-Type": "application/xml", "x-ms-error-code": code });
  res.end(body);
}

/** Serves an export file: checks the SAS signature and expiry, then streams gzip JSON lines. */
export async function downloadBlob(ctx: DefenderContext, res: ServerResponse, url: URL): Promise<void> {
  const match = /^\/_blob\/tvm-export\/(cpe|noncpe|browser)\/(-?\d+)\/part-(\d+)\.json\.gz$/.exec(
    url.pathname,
  );
  if (!match) return blobError(res, 404, "BlobNotFound", "The specified blob does not exist.", "");
  const expiry = url.searchParams.get("se") ?? "";
  if (url.searchParams.get("sig") !== blobSignature(ctx, url.pathname, expiry)) {
    return blobError(
      res,
      403,
      "AuthenticationFailed",
      "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.",
      "Signature did not match.",
    );
  }
  if (ctx.state.now() > Date.parse(expiry)) {
    return blobError(
      res,
      403,
      "AuthenticationFailed",
      "Server failed to authenticate the request.",
      `Signed expiry time [${expiry}] must be after signed start time and current time [${new Date(ctx.state.now()).toUTCString()}]`,
    );
  }
  const [kind, day, part] = [match[1] as InventoryKind, Number(match[2]), Number(match[3])];
  res.writeHead(200, { "Content-Type": "application/octet-stream", "x-ms-blob-type": "BlockBlob" });
  const gzip = createGzip();
  gzip.pipe(res);
  const asOf = ctx.state.asOf() - (ctx.state.day - day) * DAY_MS;
  await writeExportLines(gzip, ctx.state.fleet, kind, day, asOf, part);
  gzip.end();
  await once(res, "finish");
}

async function writeExportLines(
  out: NodeJS.WritableStream,
  fleet: Fleet,
  kind: InventoryKind,
  day: number,
  asOf: number,
  part: number,
): Promise<void> {
  const rowsOf = inventoryRows(fleet, kind, day);
  const render = renderInventory(kind, day, asOf);
  const end = Math.min(fleet.indexSpace, (part + 1) * DEVICES_PER_EXPORT_FILE);
  for (const device of fleet.reportingDevices(day, part * DEVICES_PER_EXPORT_FILE)) {
    if (device.index >= end) break;
    const lines = rowsOf(device)
      .map((row) => JSON.stringify(pascalKeys(render(device, row))))
      .join("\n");
    if (lines && !out.write(`${lines}\n`)) await once(out, "drain");
  }
}

/** Runs a hunting query and shapes the answer as the legacy API or Graph does. */
export async function hunting(
  ctx: DefenderContext,
  res: ServerResponse,
  body: string,
  graph: boolean,
): Promise<void> {
  let request: { Query?: unknown; Timespan?: unknown };
  try {
    request = JSON.parse(body) as typeof request;
  } catch {
    throw new HttpError(400, "BadRequest", "The request body is not valid JSON.");
  }
  if (typeof request.Query !== "string" || !request.Query.trim())
    throw new HttpError(
      400,
      graph ? "BadRequest" : "MissingRequiredParameter",
      "Query is a required parameter.",
    );
  const result: HuntingResult = runHunting(ctx.state.fleet, request.Query, {
    day: ctx.state.day,
    now: ctx.state.asOf(),
    timespan: typeof request.Timespan === "string" ? request.Timespan : undefined,
  });
  // Results can reach 100,000 rows: stream them rather than building one large string.
  const head = graph
    ? `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults","schema":${JSON.stringify(result.schema.map((c) => ({ name: c.name, type: c.type })))},"results":[`
    : `{"Schema":${JSON.stringify(result.schema.map((c) => ({ Name: c.name, Type: c.type })))},"Results":[`;
  await streamJsonArray(res, head, result.rows, () => "]}");
}
