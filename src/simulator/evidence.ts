// Filling a corpus record's templates for one installation on one device, and what each of its
// Defender sources shows about it. Shared by the event tables (rows) and the ground truth (what a
// perfect reader of those rows would know), so the two cannot drift apart.
import {
  filesAt,
  fill,
  prepare,
  processesAt,
  processShowsVersion,
  showsVersion,
  type FieldRecord,
  type FileSighting,
  type LookAlikeRecord,
  type Moment as SightingMoment,
  type Variant,
} from "../detection/corpus";
import { homeDir } from "./paths";
import { guid, hash } from "./random";
import type { Moment, MomentKind } from "./timeline";
import type { FleetUser, Os } from "./types";

type AnyRecord = FieldRecord | LookAlikeRecord;

/** Something planted on a device: an agent installation or a look-alike. */
export interface Planted {
  record: AnyRecord;
  variant?: Variant;
  user: FleetUser;
  os: Os;
  salt: number;
}

const preparedCache = new WeakMap<AnyRecord, Map<string, AnyRecord>>();

/** The record with its variant's placeholders filled; only the device's remain (render.ts prepare). */
export function prepared(p: Pick<Planted, "record" | "variant">): AnyRecord {
  let byVariant = preparedCache.get(p.record);
  if (!byVariant) preparedCache.set(p.record, (byVariant = new Map()));
  const key = p.variant?.key ?? "";
  let found = byVariant.get(key);
  if (!found) byVariant.set(key, (found = prepare(p.record, p.variant)));
  return found;
}

/** The device's placeholder values for one moment; `h` varies the per-event identifiers (made on demand). */
export function contextVars(p: Planted, version: string, h: number): Record<string, string> {
  const home = homeDir(p.os, p.user.accountName);
  return {
    home,
    homeUri: p.os === "windows" ? home[0].toLowerCase() + home.slice(1) : home,
    user: p.user.accountName,
    sid: p.user.sid,
    version,
    get uuid() {
      return guid(h, 17);
    },
    get ts() {
      return String(1_750_000_000_000 + (hash(h, 18) % 150_000_000_000));
    },
    get pid() {
      return String(1000 + (hash(h, 19) % 60000));
    },
  };
}

/** The variant's own placeholder filled for this device (the IDE's fork image, for one). */
export function variantValue(p: Planted, name: string, vars: Record<string, string>): string | undefined {
  const value = p.variant?.vars[name];
  return value === undefined ? undefined : fill(value, vars);
}

/** Record sightings that happen at a timeline moment (an upgrade re-installs). */
export function sightingMoment(kind: MomentKind): SightingMoment {
  return kind === "upgrade" ? "install" : kind;
}

/**
 * The file sightings of a moment. Use files are written on the latest day of use only (rows stay
 * bounded at 100,000 devices), all of them, so what a device shows does not flicker from day to day.
 */
export function filesFor(record: AnyRecord, moment: Moment): readonly FileSighting[] {
  const at = sightingMoment(moment.kind);
  if (at === "use" && !moment.latestUse) return [];
  return filesAt(record, at);
}

const PROBE: Record<string, string> = {
  home: "/probe",
  homeUri: "/probe",
  user: "probe",
  sid: "S-1-5-21-0",
  version: "0.0.0",
  uuid: "u",
  ts: "0",
  pid: "0",
};

/**
 * Whether the processes of a moment show the installed version: a versioned path or command line,
 * or a version resource (Windows images only: Defender reads ProcessVersionInfo from PE files).
 */
export function processesShowVersion(p: Planted, at: SightingMoment): boolean {
  return processesAt(prepared(p), at).some((s) =>
    processShowsVersion(p.os === "windows" ? s : { ...s, productVersion: undefined }, PROBE),
  );
}

/** Whether the main process of an app carries its version in a version resource (Windows only). */
export function mainShowsVersion(p: Planted): boolean {
  const main = processesAt(prepared(p), "use")[0];
  return p.os === "windows" && showsVersion(main?.productVersion, PROBE);
}

/** Whether an installation starts Node children with its IDE's own executable (the IDE shows in them). */
export function forksHost(p: Planted): boolean {
  const fork = p.variant?.vars.forkImage;
  return !!fork && processesAt(prepared(p), "use").some((s) => s.image === fork);
}

/** Whether the files a moment writes show the installed version. */
export function filesShowVersion(p: Planted, moment: Moment): boolean {
  return filesFor(prepared(p), moment).some((f) => showsVersion(f.path, PROBE));
}

/** Whether the inventory row shows the version, and whether it names the user (a CPE row with per-user paths). */
export function inventoryShows(p: Planted): { version: boolean; user: boolean } {
  const rows = prepared(p).inventory ?? [];
  return {
    version: rows.some((row) => showsVersion(row.version ?? "{version}", PROBE)),
    user: rows.some(
      (row) =>
        !!row.cpe &&
        fill(row.cpe, PROBE) !== "" &&
        [...(row.diskPaths ?? []), ...(row.registryPaths ?? [])].some((t) => /\{(home|sid)\}/.test(t)),
    ),
  };
}
