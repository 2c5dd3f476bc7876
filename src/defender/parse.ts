/**
 * Lenient parsing of Defender payloads. Real data drifts: key casing (camelCase, PascalCase),
 * numbers as strings, "2020-12-30 11:07:15" timestamps, nulls and undocumented fields. Optional
 * fields that do not parse become null; a row without its identifying fields is skipped and
 * counted by the caller, never fatal (docs/defender-api.md, "Payload drift").
 */
import { z } from "zod";

const NO_ZONE = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/** "2020-12-30 11:07:15" (no zone: UTC, never local time), ISO-8601 with any fraction, or epoch ms. */
export function parseTimestamp(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === "number") return Number.isFinite(value) ? new Date(value) : null;
  if (typeof value !== "string") return null;
  const s = value.trim();
  if (!s) return null;
  const ms = Date.parse(NO_ZONE.test(s) ? `${s.slice(0, 10)}T${s.slice(11)}Z` : s);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** Returned by a required field that is missing or unusable: the row is skipped. */
const INVALID: unique symbol = Symbol("invalid");
export type Field<T> = (value: unknown) => T | typeof INVALID;

const scalarToString = (v: unknown) => (typeof v === "number" || typeof v === "boolean" ? String(v) : v);

const text: Field<string | null> = (v) => {
  const s = scalarToString(v);
  return typeof s === "string" && s !== "" ? s : null;
};
/** Identifying field: a non-empty string (numbers accepted). */
const requiredText: Field<string> = (v) => {
  const s = scalarToString(v);
  return typeof s === "string" && s.trim() !== "" ? s : INVALID;
};
const num: Field<number | null> = (v) => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};
const BOOLEAN_WORDS: Record<string, boolean> = { true: true, false: false, "1": true, "0": false };
const bool: Field<boolean | null> = (v) => {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  return typeof v === "string" ? (BOOLEAN_WORDS[v.trim().toLowerCase()] ?? null) : null;
};
const timestamp: Field<Date | null> = parseTimestamp;
/** Shared by every row without a list (most rows): never mutated. */
const NO_STRINGS: string[] = Object.freeze([]) as unknown as string[];
/** Arrays may arrive as arrays, JSON strings, a single string or null; objects give their id/name. */
const stringList: Field<string[]> = (v) => {
  let items: unknown = v;
  if (typeof v === "string") {
    items = [v];
    if (v.trimStart().startsWith("[")) {
      try {
        items = JSON.parse(v);
      } catch {
        // not JSON after all: keep the string itself
      }
    }
  }
  if (!Array.isArray(items) || items.length === 0) return NO_STRINGS;
  const out: string[] = [];
  for (const item of items) {
    const s =
      item && typeof item === "object" ? (lookup(item, "id") ?? lookup(item, "name")) : scalarToString(item);
    if (typeof s === "string" && s) out.push(s);
  }
  return out;
};

function lookup(obj: object, key: string): unknown {
  for (const [k, v] of Object.entries(obj)) if (k.toLowerCase() === key) return v;
  return undefined;
}

export type RowSchema = Record<string, Field<unknown>>;
export type RowOf<S extends RowSchema> = { [K in keyof S]: Exclude<ReturnType<S[K]>, typeof INVALID> };

export const machineSchema = {
  id: requiredText,
  computerDnsName: text,
  aadDeviceId: text,
  osPlatform: text,
  osVersion: text,
  version: text,
  osBuild: num,
  osArchitecture: text,
  osProcessor: text,
  firstSeen: timestamp,
  lastSeen: timestamp,
  lastIpAddress: text,
  lastExternalIpAddress: text,
  agentVersion: text,
  healthStatus: text,
  onboardingStatus: text,
  rbacGroupId: text,
  rbacGroupName: text,
  riskScore: text,
  exposureLevel: text,
  deviceValue: text,
  isAadJoined: bool,
  machineTags: stringList,
  mergedIntoMachineId: text,
  isPotentialDuplication: bool,
  isExcluded: bool,
  managedBy: text,
} satisfies RowSchema;

/** Rows of SoftwareInventoryByMachine, SoftwareInventoryNoProductCodeByMachine and both exports. */
export const softwareInventorySchema = {
  deviceId: requiredText,
  deviceName: text,
  osPlatform: text,
  rbacGroupId: text,
  rbacGroupName: text,
  softwareVendor: text,
  softwareName: requiredText,
  softwareVersion: text,
  numberOfWeaknesses: num,
  diskPaths: stringList,
  registryPaths: stringList,
  // Times stay Defender's text ("2025-06-19 08:44:02"; `parseTimestamp` reads it): nothing in a sync
  // needs them as dates, and a 100,000-device fleet has ~20 million of them.
  softwareFirstSeenTimestamp: text,
  softwareLastSeenTimestamp: text,
  endOfSupportStatus: text,
  endOfSupportDate: text,
} satisfies RowSchema;

export const browserExtensionSchema = {
  deviceId: requiredText,
  deviceName: text,
  rbacGroupId: text,
  rbacGroupName: text,
  browserName: text,
  extensionId: requiredText,
  extensionName: text,
  extensionDescription: text,
  extensionVersion: text,
  extensionVendor: text,
  extensionRisk: text,
  isActivated: bool,
  installationTime: timestamp,
  permissions: stringList,
} satisfies RowSchema;

export const logonUserSchema = {
  id: text,
  accountName: requiredText,
  accountDomain: text,
  accountSid: text,
  firstSeen: timestamp,
  lastSeen: timestamp,
  logonTypes: text,
  isDomainAdmin: bool,
  isOnlyNetworkUser: bool,
} satisfies RowSchema;

export type Machine = RowOf<typeof machineSchema>;
export type SoftwareInventoryRow = RowOf<typeof softwareInventorySchema>;
export type BrowserExtensionRow = RowOf<typeof browserExtensionSchema>;
export type LogonUser = RowOf<typeof logonUserSchema>;

export interface RowCounters {
  rowsRead: number;
  rowsSkipped: number;
}

/**
 * Parses rows of one shape: keys are matched case-insensitively to the schema's, unknown keys are
 * dropped, missing optional fields become null, and rows missing an identifying field are skipped
 * and counted. Rows are coerced by hand rather than through zod: at ~10M rows per sync a schema
 * library costs several times JSON.parse itself; zod validates the envelopes instead.
 */
export class RowParser<S extends RowSchema> {
  /** Raw key → field index (or -1); pages repeat the same few keys, so this stays tiny. */
  private readonly keyIndex = new Map<string, number>();
  private readonly canonical: Map<string, number>;
  private readonly fields: [string, Field<unknown>][];
  /** Scratch space for one row's raw values, reused: rows come by the million. */
  private readonly values: unknown[];

  constructor(
    schema: S,
    private readonly counters: RowCounters,
    private readonly onSkip?: (row: unknown, reason: string) => void,
  ) {
    this.fields = Object.entries(schema);
    this.canonical = new Map(this.fields.map(([k], i) => [k.toLowerCase(), i]));
    this.values = new Array<unknown>(this.fields.length).fill(null);
  }

  parse(row: unknown): RowOf<S> | undefined {
    this.counters.rowsRead++;
    if (!row || typeof row !== "object" || Array.isArray(row)) return this.skip(row, "not an object");
    const values = this.values.fill(null);
    const record = row as Record<string, unknown>;
    for (const key in record) {
      let index = this.keyIndex.get(key);
      if (index === undefined) {
        index = this.canonical.get(key.toLowerCase()) ?? -1;
        this.keyIndex.set(key, index);
      }
      if (index >= 0) values[index] = record[key];
    }
    const out: Record<string, unknown> = {};
    for (let i = 0; i < this.fields.length; i++) {
      const [name, field] = this.fields[i];
      const value = field(values[i] ?? null);
      if (value === INVALID) return this.skip(row, `${name} is missing or invalid`);
      out[name] = value;
    }
    return out as RowOf<S>;
  }

  parseAll(rows: unknown[]): RowOf<S>[] {
    const out: RowOf<S>[] = [];
    for (const row of rows) {
      const parsed = this.parse(row);
      if (parsed) out.push(parsed);
    }
    return out;
  }

  private skip(row: unknown, reason: string): undefined {
    this.counters.rowsSkipped++;
    this.onSkip?.(row, reason);
    return undefined;
  }
}

/** Case-insensitive property access for envelopes (`value`/`Value`, `Schema`/`schema`). */
export function pick(obj: unknown, key: string): unknown {
  if (!obj || typeof obj !== "object") return undefined;
  const record = obj as Record<string, unknown>;
  return key in record ? record[key] : lookup(record, key.toLowerCase());
}

export type HuntingColumnType =
  "String" | "DateTime" | "Int64" | "Int32" | "Double" | "Boolean" | "Dynamic" | string;
export interface HuntingColumn {
  name: string;
  type: HuntingColumnType;
}
export type HuntingRow = Record<string, unknown>;

const huntingColumnSchema = z.preprocess(
  (v) => ({ name: pick(v, "name"), type: pick(v, "type") }),
  z.object({ name: z.string().min(1), type: z.string().catch("String") }),
);

export function parseHuntingSchema(raw: unknown): HuntingColumn[] {
  return Array.isArray(raw) ? raw.flatMap((c) => huntingColumnSchema.safeParse(c).data ?? []) : [];
}

/**
 * A hunting row keyed by the schema's column names (case-insensitively), with typed values:
 * DateTime → Date, Int/Double → number, Boolean → boolean, Dynamic JSON strings → JSON values.
 */
export function parseHuntingRow(row: unknown, columns: HuntingColumn[]): HuntingRow | undefined {
  if (!row || typeof row !== "object" || Array.isArray(row)) return undefined;
  if (!columns.length) return { ...(row as HuntingRow) };
  const byLower = new Map(
    Object.entries(row as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const out: HuntingRow = {};
  for (const { name, type } of columns) {
    const value = byLower.get(name.toLowerCase());
    out[name] = convertHuntingValue(value ?? null, type);
  }
  return out;
}

function convertHuntingValue(value: unknown, type: HuntingColumnType): unknown {
  if (value === null) return null;
  switch (type.toLowerCase()) {
    case "datetime":
      return parseTimestamp(value);
    case "int64":
    case "int32":
    case "long":
    case "int":
    case "double":
    case "real":
      return num(value);
    case "boolean":
    case "bool":
      return bool(value);
    case "dynamic":
      if (typeof value === "string" && /^\s*[[{]/.test(value)) {
        try {
          return JSON.parse(value);
        } catch {
          return value;
        }
      }
      return value;
    default:
      return typeof value === "object" ? value : scalarToString(value);
  }
}
