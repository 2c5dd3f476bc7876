// Deterministic fleet generator: every device, software row, planted agent and lifecycle event is
// a pure function of (seed, device index, day), so pages are computed on demand and nothing
// fleet-sized is held in memory. `day` is the churn clock: installs, removals, upgrades, stale
// and vanishing devices all happen on hash-chosen days. What is planted comes from the field
// corpus (plants.ts); the ground truth says which Defender sources carry each installation.
import type { EvidenceSource as EvidenceSourceEnum } from "../model/enums";
import { renderInventory, type FieldRecord, type Variant } from "../detection/corpus";
import {
  contextVars,
  filesFor,
  filesShowVersion,
  forksHost,
  inventoryShows,
  mainShowsVersion,
  prepared,
  processesShowVersion,
  sightingMoment,
  type Planted,
} from "./evidence";
import { LOOK_ALIKE_PLANTS, PLANTS, type LookAlikePlant, type Plant } from "./plants";
import { extend, guid, hash, hashString, hex40, pick, unit } from "./random";
import { osSoftware, platformLetter, SOFTWARE_CATALOG, type SoftwareItem } from "./software";
import { usageOf } from "./usage";
import {
  agentsInfoMoments,
  momentsOf,
  present,
  versionAt,
  windowFor,
  type Lifecycle,
  type Window,
} from "./timeline";
import type { BrowserExtensionArtifact, Channel, FleetUser, HostIde, Os } from "./types";

export { DAY_MS, RETENTION_DAYS } from "./timeline";

export interface FleetOptions {
  devices: number;
  seed?: number;
}

export interface Device {
  index: number;
  id: string;
  computerDnsName: string;
  os: Os;
  osPlatform: string;
  osVersion: string;
  osBuild: number | null;
  version: string;
  aadDeviceId: string | null;
  rbacGroupId: number;
  rbacGroupName: string | null;
  onboardingStatus: string;
  /** Sensor reports data (software and events exist) only for onboarded devices. */
  onboarded: boolean;
  lastIpAddress: string;
  lastExternalIpAddress: string;
  machineTags: string[];
  joinDay: number;
  vanishDay: number;
  staleDay: number;
  user: FleetUser;
  secondaryUser: FleetUser | null;
  developer: boolean;
  agentsInfoEnabled: boolean;
}

export interface SoftwareRow {
  item: SoftwareItem;
  version: string;
  diskPaths: string[];
  registryPaths: string[];
  firstSeenDay: number;
  numberOfWeaknesses: number;
}

/** One planted agent on one device, with its whole lifecycle (present or not on a given day). */
export interface Installation extends Planted {
  record: FieldRecord;
  device: Device;
  hostIde?: HostIde;
  lifecycle: Lifecycle;
  /** Days between uses; 0 when nobody used it inside the hunting window (usage.ts). */
  usageEvery: number;
  /** The last calendar day anyone used it, when its use stopped (usage.ts). */
  usageUntil?: number;
  agentsInfo: boolean;
}

/** A look-alike on a device: used now and then, never removed, never ground truth. */
export interface LookAlikeInstance extends Planted {
  plant: LookAlikePlant;
}

export interface BrowserExtensionRow {
  browser: string;
  artifact: BrowserExtensionArtifact;
  version: string;
  installDay: number;
  active: boolean;
}

/**
 * An older Defender record of a device onboarded again (reimaged, or offboarded and onboarded): Defender
 * lists it beside the current record under its old id, flags it as a potential duplicate and, once it
 * has merged the two, names the current record. It reports nothing after the device's new onboarding.
 */
export interface FormerRecord {
  id: string;
  merged: boolean;
  /** The day of its last report: the device was onboarded again the day after. */
  lastSeenDay: number;
}

/** The Defender sources a sync reads, as the product names them (model/enums.ts). */
export type EvidenceSource = `${EvidenceSourceEnum}`;

export interface PlantedInstallation {
  deviceId: string;
  agentKey: string;
  channel: Channel;
  hostIde?: HostIde;
  /** The corpus record planted and its install method. */
  recordId: string;
  method: string;
  /** The newest version any source shows, or null when none shows one. */
  version: string | null;
  /** The person who installed and uses it. */
  user: { accountName: string; accountDomain: string; sid: string; upn: string };
  /** Whether any source names that person (an event's account, AgentsInfo, a per-user install path). */
  userVisible: boolean;
  /** Sources carrying evidence of it on this day, each with the newest version it shows (null: none). */
  sources: Partial<Record<EvidenceSource, string | null>>;
  /** Installed before the hunting window began: no install event is left. */
  installedBeforeWindow: boolean;
}

const FIRST_NAMES = [
  "james",
  "mary",
  "john",
  "patricia",
  "robert",
  "jennifer",
  "michael",
  "linda",
  "david",
  "elizabeth",
  "william",
  "barbara",
  "richard",
  "susan",
  "joseph",
  "jessica",
  "thomas",
  "sarah",
  "wei",
  "priya",
  "ahmed",
  "sofia",
  "lukas",
  "yuki",
  "mateo",
  "aisha",
  "noah",
  "emma",
  "olga",
  "ravi",
];
const LAST_NAMES = [
  "smith",
  "johnson",
  "williams",
  "brown",
  "jones",
  "garcia",
  "miller",
  "davis",
  "rodriguez",
  "martinez",
  "hernandez",
  "lopez",
  "gonzalez",
  "wilson",
  "anderson",
  "thomas",
  "taylor",
  "moore",
  "jackson",
  "martin",
  "lee",
  "perez",
  "chen",
  "patel",
  "kim",
  "nguyen",
  "mueller",
  "sato",
  "rossi",
  "novak",
];
const RBAC_GROUPS: [number, string | null][] = [
  [0, null],
  [140, "Engineering"],
  [141, "Sales"],
  [142, "Finance"],
  [143, "IT"],
  [144, "Contractors"],
];

/** Each OS's plants, apps before IDE extensions (an extension needs its IDE drawn first). */
function appsThenExtensions(plants: readonly Plant[]): readonly (readonly Plant[])[] {
  return [false, true].map((extensions) =>
    plants.filter((p) => (p.record.channel === "IDE_EXTENSION") === extensions),
  );
}
const PLANTS_IN_ORDER: Record<Os, readonly (readonly Plant[])[]> = {
  windows: appsThenExtensions(PLANTS.windows),
  macos: appsThenExtensions(PLANTS.macos),
  linux: appsThenExtensions(PLANTS.linux),
};

const SALT = {
  os: hashString("os"),
  user: hashString("user"),
  shared: hashString("shared-user"),
  second: hashString("second-user"),
  join: hashString("join"),
  vanish: hashString("vanish"),
  stale: hashString("stale"),
  onboard: hashString("onboarding"),
  rbac: hashString("rbac"),
  aad: hashString("aad"),
  dev: hashString("developer"),
  agentsInfo: hashString("agents-info"),
  ip: hashString("ip"),
  plant: hashString("plant"),
  life: hashString("lifecycle"),
  browser: hashString("browser"),
  former: hashString("former-record"),
  usage: hashString("usage"),
  usageStop: hashString("usage-stop"),
  variant: hashString("variant"),
  lookAlike: hashString("look-alike"),
};

/** Share of devices with an older duplicate record in the machine list; about half of those are merged. */
export const FORMER_RECORD_SHARE = 0.01;

/** [id, name, vendor, share, risk]: everyday extensions (AI look-alikes come from the corpus). */
const ORDINARY_EXTENSIONS: [string, string, string, number, BrowserExtensionArtifact["risk"]][] = [
  ["cjpalhdlnbpafiamejdnhcphjbkeiagm", "uBlock Origin", "Raymond Hill", 0.3, "Medium"],
  ["ghbmnnjooekpmoecnnnilnnbdlolhkhi", "Google Docs Offline", "Google", 0.6, "Low"],
  ["hdokiejnpimakedhajhdlcegeplioahd", "LastPass", "LastPass", 0.15, "High"],
  ["kbfnbcaeplbcioakkpcpgfkobkghlhen", "Grammarly: AI Writing Assistant", "Grammarly", 0.2, "High"],
  ["fmkadmapgofadopljbjfkapdkoienihi", "React Developer Tools", "Meta", 0.15, "Low"],
  ["efaidnbmnnnibpcajpcglclefindmkaj", "Adobe Acrobat", "Adobe", 0.35, "Medium"],
];

const SOFTWARE_SALTS = SOFTWARE_CATALOG.map((item) => hashString(`${item.vendor}/${item.name}`));

/** How often an installation is used: mostly daily, some weekly, about one in nine not in a month. */
/** Installations on a device with a second person belong to that person this often. */
const SECOND_USER_SHARE = 0.4;

function pickVariant(variants: readonly Variant[] | undefined, h: number): Variant | undefined {
  if (!variants?.length) return undefined;
  const total = variants.reduce((sum, v) => sum + (v.weight ?? 1), 0);
  let at = (h / 4294967296) * total;
  for (const v of variants) if ((at -= v.weight ?? 1) < 0) return v;
  return variants[variants.length - 1];
}

function productHost(variant: Variant | undefined): HostIde | undefined {
  if (!variant?.host) return undefined;
  return variant.host === "code-server" ? "vscode-server" : variant.host;
}

const compareVersions = new Intl.Collator("en", { numeric: true }).compare;

/** Hosts that are agents themselves (the catalog's IDEs): an extension there needs that IDE installed. */
export function hostApp(
  variant: Variant | undefined,
  installed: readonly Installation[],
): Installation | undefined {
  const host = variant?.host;
  return installed.find((i) => i.record.channel === "DESKTOP_APP" && i.record.agentKey === host);
}

const AGENT_HOSTS = new Set(["cursor", "windsurf", "trae", "kiro", "antigravity"]);

/** The variants an installation may use: IDE hosts that are agents only where that IDE is installed. */
function hostsAvailable(
  variants: readonly Variant[] | undefined,
  installed: readonly Installation[],
  user: FleetUser,
): readonly Variant[] | undefined {
  if (!variants?.some((v) => v.host)) return variants;
  const usable = variants.filter(
    (v) => !AGENT_HOSTS.has(v.host ?? "") || hostApp(v, installed)?.user === user,
  );
  return usable.length ? usable : variants.filter((v) => !AGENT_HOSTS.has(v.host ?? ""));
}

/** An extension in an agent IDE lives no longer than that IDE. */
function withinHost(
  life: Lifecycle,
  variant: Variant | undefined,
  installed: readonly Installation[],
): Lifecycle {
  const host = hostApp(variant, installed)?.lifecycle;
  if (!host) return life;
  const installDay = Math.max(life.installDay, host.installDay);
  const removeDay = Math.min(life.removeDay, host.removeDay);
  return { ...life, installDay, removeDay: Math.max(removeDay, installDay) };
}

export class Fleet {
  readonly devices: number;
  readonly seed: number;
  /** Devices indexed at or above `devices` join the fleet on a later day. */
  readonly indexSpace: number;
  private readonly userCount: number;

  constructor(options: FleetOptions) {
    this.devices = options.devices;
    this.seed = options.seed ?? 1;
    this.indexSpace = this.devices + Math.ceil(this.devices * 0.03);
    this.userCount = Math.max(1, Math.floor(this.devices * 0.85));
  }

  private h(index: number, salt: number, extra = 0): number {
    return hash(this.seed, index, salt, extra);
  }

  device(index: number): Device {
    const os = this.osOf(index);
    const osPlatform =
      os === "windows"
        ? unit(this.h(index, SALT.os, 1)) < 0.64
          ? "Windows11"
          : "Windows10"
        : os === "macos"
          ? "macOS"
          : "Linux";
    const [rbacGroupId, rbacGroupName] = pick(RBAC_GROUPS, this.h(index, SALT.rbac));
    const aadJoined = unit(this.h(index, SALT.aad)) < (os === "windows" ? 0.8 : os === "macos" ? 0.4 : 0);
    const onboarding = unit(this.h(index, SALT.onboard));
    const user = this.user(this.primaryUserIndex(index), os, index);
    const hasSecond = unit(this.h(index, SALT.second)) < 0.1;
    return {
      index,
      id: hex40(this.seed, index, SALT.os),
      computerDnsName: this.dnsName(index, os),
      os,
      osPlatform,
      ...osVersionOf(osPlatform, this.h(index, SALT.os, 2)),
      aadDeviceId: aadJoined ? guid(this.seed, index, SALT.aad) : null,
      rbacGroupId,
      rbacGroupName,
      onboardingStatus: onboarding < 0.01 ? "CanBeOnboarded" : onboarding < 0.16 ? "onboarded" : "Onboarded",
      onboarded: onboarding >= 0.01,
      lastIpAddress: `10.${20 + (index % 200)}.${(index >> 8) & 255}.${index & 255 || 1}`,
      lastExternalIpAddress: `203.0.113.${1 + (this.h(index, SALT.ip) % 254)}`,
      machineTags: rbacGroupId === 140 ? ["dev"] : [],
      joinDay:
        index < this.devices
          ? -(100 + (this.h(index, SALT.join) % 600))
          : 1 + (this.h(index, SALT.join) % 60),
      vanishDay:
        unit(this.h(index, SALT.vanish)) < 0.01 ? 1 + (this.h(index, SALT.vanish, 1) % 60) : Infinity,
      staleDay: unit(this.h(index, SALT.stale)) < 0.04 ? (this.h(index, SALT.stale, 1) % 60) - 20 : Infinity,
      user,
      secondaryUser: hasSecond ? this.user(this.h(index, SALT.second, 1) % this.userCount, os, index) : null,
      developer: unit(this.h(index, SALT.dev)) < 0.35,
      agentsInfoEnabled: os !== "linux" && unit(this.h(index, SALT.agentsInfo)) < 0.4,
    };
  }

  private osOf(index: number): Os {
    const r = unit(this.h(index, SALT.os));
    if (r < 0.7) return "windows";
    return r < 0.92 ? "macos" : "linux";
  }

  private dnsName(index: number, os: Os): string {
    const n = String(index).padStart(6, "0");
    if (os === "windows") return `lt-${n}.contoso.com`;
    return os === "macos" ? `mac-${n}` : `lnx-${n}.contoso.com`;
  }

  private primaryUserIndex(index: number): number {
    if (index < this.userCount) return index;
    return this.h(index, SALT.shared) % this.userCount;
  }

  /** A person; account domain depends on the device (domain on Windows, host name elsewhere). */
  user(userIndex: number, os: Os, deviceIndex: number): FleetUser {
    const first = pick(FIRST_NAMES, hash(this.seed, userIndex, SALT.user, 1));
    const last = pick(LAST_NAMES, hash(this.seed, userIndex, SALT.user, 2));
    const domainSid = `S-1-5-21-${1000000000 + (hash(this.seed, 1) % 999999999)}-${1000000000 + (hash(this.seed, 2) % 999999999)}-${1000000000 + (hash(this.seed, 3) % 999999999)}`;
    return {
      accountName: `${first[0]}${last}${userIndex}`,
      accountDomain: os === "windows" ? "CONTOSO" : this.dnsName(deviceIndex, os).split(".")[0],
      sid: `${domainSid}-${1100 + userIndex}`,
      upn: `${first}.${last}${userIndex}@contoso.com`,
      aadObjectId: guid(this.seed, userIndex, SALT.user),
    };
  }

  /** Whether the device is in the machine list on `day`. */
  isListed(device: Device, day: number): boolean {
    return device.joinDay <= day && day < device.vanishDay;
  }

  /** Whether the device reports software and events on `day`. */
  hasData(device: Device, day: number): boolean {
    return device.onboarded && this.isListed(device, day);
  }

  isStale(device: Device, day: number): boolean {
    return day >= device.staleDay;
  }

  /** The logical day of the device's last report: stale devices stop changing at their stale day. */
  snapshotDay(device: Device, day: number): number {
    return Math.min(day, device.staleDay);
  }

  /** Devices in the machine list on `day`, in index order, starting at `from`. */
  *listedDevices(day: number, from = 0): Generator<Device> {
    for (let index = from; index < this.indexSpace; index++) {
      const device = this.device(index);
      if (this.isListed(device, day)) yield device;
    }
  }

  /** The older record of a device onboarded again before day 0, if it has one. */
  formerRecord(device: Device): FormerRecord | null {
    const h = this.h(device.index, SALT.former);
    if (!device.onboarded || device.joinDay >= -1 || unit(h) >= FORMER_RECORD_SHARE) return null;
    return {
      id: hex40(this.seed, device.index, SALT.former),
      merged: unit(hash(h, 1)) < 0.5,
      lastSeenDay: Math.max(device.joinDay, -(2 + (hash(h, 2) % 90))),
    };
  }

  /** The machine list on `day`: each listed device, followed by its older record when it has one. */
  *machineRecords(day: number): Generator<{ device: Device; former: FormerRecord | null }> {
    for (const device of this.listedDevices(day)) {
      yield { device, former: null };
      const former = this.formerRecord(device);
      if (former) yield { device, former };
    }
  }

  /** Devices with software and event data on `day`, in index order, starting at `from`. */
  *reportingDevices(day: number, from = 0): Generator<Device> {
    for (const device of this.listedDevices(day, from)) if (device.onboarded) yield device;
  }

  lifecycle(device: Device, salt: number, churn: number): Lifecycle {
    const h1 = this.h(device.index, SALT.life, salt);
    const h2 = hash(h1, 2);
    const h3 = hash(h1, 3);
    const lateInstall = unit(h1) < churn * 1.5;
    const installDay = Math.max(device.joinDay, lateInstall ? 1 + (h1 % 60) : -(1 + (h1 % 400)));
    const removeDay = unit(h2) < churn ? Math.max(installDay + 1, 1 + (h2 % 60)) : Infinity;
    const upgradeDay = unit(h3) < churn * 3 ? Math.max(installDay + 1, 1 + (h3 % 45)) : Infinity;
    return { installDay, removeDay, upgradeDay, baseVersion: h3 % 2 };
  }

  softwareRows(device: Device, listDay: number): SoftwareRow[] {
    const rows: SoftwareRow[] = [];
    if (!this.hasData(device, listDay)) return rows;
    const day = this.snapshotDay(device, listDay);
    const osItem = osSoftware(device.os, device.osPlatform, device.osVersion);
    rows.push(this.ordinaryRow(device, osItem, osItem.versions[0], device.joinDay));
    const letter = platformLetter(device.os);
    for (let i = 0; i < SOFTWARE_CATALOG.length; i++) {
      const item = SOFTWARE_CATALOG[i];
      if (!item.platforms.includes(letter)) continue;
      if (item.share < 1 && unit(this.h(device.index, SOFTWARE_SALTS[i])) >= item.share) continue;
      const life = this.lifecycle(device, SOFTWARE_SALTS[i], item.share < 1 ? 0.03 : 0);
      if (!present(life, day)) continue;
      rows.push(this.ordinaryRow(device, item, versionAt(item.versions, life, day), life.installDay));
    }
    const planted: [Planted, string, number][] = [
      ...this.installations(device)
        .filter((inst) => inst.record.inventory && present(inst.lifecycle, day))
        .map((inst): [Planted, string, number] => [
          inst,
          installVersion(inst, day),
          inst.lifecycle.installDay,
        ]),
      ...this.lookAlikes(device)
        .filter((l) => l.record.inventory)
        .map((l): [Planted, string, number] => [l, l.record.versions[0], device.joinDay]),
    ];
    for (const [p, version, installDay] of planted) {
      for (const row of renderInventory(prepared(p), contextVars(p, version, p.salt)))
        rows.push({
          item: {
            vendor: row.vendor,
            name: row.name,
            cpe: row.cpe,
            platforms: letter,
            share: 0,
            versions: p.record.versions,
          },
          version: row.version,
          diskPaths: row.cpe ? row.diskPaths : [],
          registryPaths: row.cpe ? row.registryPaths : [],
          firstSeenDay: installDay,
          numberOfWeaknesses: 0,
        });
    }
    return rows;
  }

  private ordinaryRow(
    device: Device,
    item: SoftwareItem,
    version: string,
    firstSeenDay: number,
  ): SoftwareRow {
    const h = this.h(device.index, hashString(item.name));
    return {
      item,
      version,
      diskPaths: [],
      registryPaths: [],
      firstSeenDay,
      numberOfWeaknesses: item.cpe ? h % 4 : 0,
    };
  }

  /** Every agent installation ever chosen for the device (present or not on a given day). */
  installations(device: Device): Installation[] {
    const out: Installation[] = [];
    if (!device.onboarded) return out;
    const taken = new Set<string>();
    const factor = device.developer ? 2.5 : 0.3;
    const prefix = hash(this.seed, device.index, SALT.plant);
    // Apps first: an extension can only live in an agent IDE (Cursor, Windsurf…) the device has.
    for (const plants of PLANTS_IN_ORDER[device.os])
      for (const plant of plants) {
        const h = extend(prefix, plant.salt); // = this.h(device.index, SALT.plant, plant.salt)
        if (unit(h) >= plant.share * factor) continue;
        // One installation per agent and channel on a device: the first method drawn.
        const key = `${plant.record.agentKey}|${plant.record.channel}`;
        if (taken.has(key)) continue;
        taken.add(key);
        const user =
          device.secondaryUser && unit(hash(h, SALT.second)) < SECOND_USER_SHARE
            ? device.secondaryUser
            : device.user;
        const lifecycle = this.lifecycle(device, plant.salt, 0.1);
        const variant = pickVariant(hostsAvailable(plant.record.variants, out, user), hash(h, SALT.variant));
        out.push({
          record: plant.record,
          variant,
          user,
          os: device.os,
          salt: hash(h, 7),
          device,
          hostIde: productHost(variant),
          lifecycle: withinHost(lifecycle, variant, out),
          ...usageOf(hash(h, SALT.usage), hash(h, SALT.usageStop)),
          agentsInfo: device.agentsInfoEnabled && plant.record.agentsInfo !== undefined,
        });
      }
    return out;
  }

  /** Look-alikes on the device: software and activity that resemble agents without being one. */
  lookAlikes(device: Device): LookAlikeInstance[] {
    const out: LookAlikeInstance[] = [];
    if (!device.onboarded) return out;
    let installed: Installation[] | undefined;
    for (const plant of LOOK_ALIKE_PLANTS[device.os]) {
      const h = this.h(device.index, SALT.lookAlike, plant.salt);
      if (unit(h) >= plant.share) continue;
      const variants = plant.record.variants?.length
        ? hostsAvailable(plant.record.variants, (installed ??= this.installations(device)), device.user)
        : undefined;
      out.push({
        plant,
        record: plant.record,
        variant: pickVariant(variants, hash(h, SALT.variant)),
        user: device.user,
        os: device.os,
        salt: hash(h, 7),
      });
    }
    return out;
  }

  /** The hunting window of a device on `day` (its data stops at its stale day). */
  window(device: Device, day: number, asOf: number): Window {
    return windowFor(day, this.snapshotDay(device, day), asOf);
  }

  /** Ground truth: what a perfect detector reading every source should report for `day`. */
  *plantedInstallations(day: number): Generator<PlantedInstallation> {
    for (const device of this.reportingDevices(day)) yield* this.plantedOn(device, day);
  }

  plantedOn(device: Device, listDay: number): PlantedInstallation[] {
    if (!this.hasData(device, listDay)) return [];
    const day = this.snapshotDay(device, listDay);
    const w = this.window(device, listDay, 0);
    const out: PlantedInstallation[] = [];
    const installed = this.installations(device);
    for (const inst of installed) {
      if (!present(inst.lifecycle, day)) continue;
      const sources = this.sourcesOf(inst, installed, w, day);
      if (Object.keys(sources).length === 0) continue;
      const versions = Object.values(sources).filter((v): v is string => !!v);
      const versionsSeen = versions.sort(compareVersions);
      const visibleUser =
        sources.PROCESS_EVENTS !== undefined ||
        sources.FILE_EVENTS !== undefined ||
        sources.AGENTS_INFO !== undefined ||
        (sources.SOFTWARE_INVENTORY !== undefined && inventoryShows(inst).user);
      out.push({
        deviceId: device.id,
        agentKey: inst.record.agentKey,
        channel: inst.record.channel,
        ...(inst.hostIde ? { hostIde: inst.hostIde } : {}),
        recordId: inst.record.id,
        method: inst.record.method,
        version: versionsSeen.at(-1) ?? null,
        user: {
          accountName: inst.user.accountName,
          accountDomain: inst.user.accountDomain,
          sid: inst.user.sid,
          upn: inst.user.upn,
        },
        userVisible: visibleUser,
        sources,
        installedBeforeWindow: inst.lifecycle.installDay < w.first,
      });
    }
    return out;
  }

  /** The sources that carry an installation present on `day`, with the newest version each shows. */
  private sourcesOf(
    inst: Installation,
    installed: readonly Installation[],
    w: Window,
    day: number,
  ): PlantedInstallation["sources"] {
    const record = inst.record;
    const sources: PlantedInstallation["sources"] = {};
    const current = installVersion(inst, day);
    if (record.inventory) sources.SOFTWARE_INVENTORY = inventoryShows(inst).version ? current : null;
    if (record.browserExtension) sources.BROWSER_EXTENSIONS = current;
    if (inst.agentsInfo && agentsInfoMoments(inst.lifecycle, w).some(([, status]) => status === "Active"))
      sources.AGENTS_INFO = current;
    // Process sightings of the installation, and of extensions it hosts that run as its executable.
    const processMoments: { day: number; version: string | null }[] = [];
    for (const moment of momentsOf(inst, w)) {
      if (moment.kind === "remove") continue;
      const at = sightingMoment(moment.kind);
      if (record.processes?.some((p) => p.when === at))
        processMoments.push({
          day: moment.day,
          version: processesShowVersion(inst, at) ? moment.version : null,
        });
      if (filesFor(record, moment).length)
        sources.FILE_EVENTS = filesShowVersion(inst, moment) ? moment.version : (sources.FILE_EVENTS ?? null);
    }
    for (const hosted of installed) {
      if (hostApp(hosted.variant, installed) !== inst || !forksHost(hosted)) continue;
      for (const moment of momentsOf(hosted, w))
        if (moment.kind === "use")
          processMoments.push({
            day: moment.day,
            version: mainShowsVersion(inst) ? installVersion(inst, moment.day) : null,
          });
    }
    for (const m of processMoments.sort((a, b) => a.day - b.day))
      sources.PROCESS_EVENTS = m.version ?? sources.PROCESS_EVENTS ?? null;
    return sources;
  }

  /** Browser extensions on the device: ordinary ones, AI look-alikes and planted agent extensions. */
  browserExtensions(device: Device, listDay: number): BrowserExtensionRow[] {
    const rows: BrowserExtensionRow[] = [];
    if (!this.hasData(device, listDay)) return rows;
    const day = this.snapshotDay(device, listDay);
    const browser =
      device.os === "macos" && device.index % 3 === 0 ? "safari" : device.index % 4 === 0 ? "edge" : "chrome";
    for (let i = 0; i < ORDINARY_EXTENSIONS.length; i++) {
      const [extensionId, name, vendor, share, risk] = ORDINARY_EXTENSIONS[i];
      if (unit(this.h(device.index, SALT.browser, i)) >= share) continue;
      rows.push({
        browser,
        artifact: { extensionId, name, description: name, vendor, risk },
        version: "1.0.0",
        installDay: device.joinDay,
        active: true,
      });
    }
    for (const l of this.lookAlikes(device)) {
      if (!l.record.browserExtension) continue;
      rows.push({
        browser,
        artifact: l.record.browserExtension,
        version: l.record.versions[0],
        installDay: device.joinDay,
        active: true,
      });
    }
    for (const inst of this.installations(device)) {
      if (!inst.record.browserExtension || !present(inst.lifecycle, day)) continue;
      rows.push({
        browser,
        artifact: inst.record.browserExtension,
        version: installVersion(inst, day),
        installDay: inst.lifecycle.installDay,
        active: inst.device.index % 5 !== 0,
      });
    }
    return rows;
  }

  /** Users who log on to the device: the owner, sometimes a second person, and a build service account on Windows. */
  logonUsers(device: Device): { user: FleetUser; logonType: string; networkOnly: boolean }[] {
    const users = [{ user: device.user, logonType: "Interactive", networkOnly: false }];
    if (device.secondaryUser)
      users.push({ user: device.secondaryUser, logonType: "Interactive", networkOnly: false });
    if (device.os === "windows" && device.index % 7 === 0) {
      users.push({
        user: {
          accountName: "svc-build",
          accountDomain: "CONTOSO",
          sid: `${device.user.sid.replace(/-\d+$/, "")}-5001`,
          upn: "svc-build@contoso.com",
          aadObjectId: guid(this.seed, 5001),
        },
        logonType: "Network",
        networkOnly: true,
      });
    }
    return users;
  }
}

export function installVersion(inst: Installation, day: number): string {
  return versionAt(inst.record.versions, inst.lifecycle, day);
}

function osVersionOf(
  osPlatform: string,
  h: number,
): { osVersion: string; osBuild: number | null; version: string } {
  switch (osPlatform) {
    case "Windows11":
      return pick(
        [
          { osVersion: "10.0.26100", osBuild: 26100, version: "24H2" },
          { osVersion: "10.0.22631", osBuild: 22631, version: "23H2" },
        ],
        h,
      );
    case "Windows10":
      return { osVersion: "10.0.19045", osBuild: 19045, version: "22H2" };
    case "macOS":
      return pick(
        [
          { osVersion: "15.7", osBuild: null, version: "15.7" },
          { osVersion: "26.1", osBuild: null, version: "26.1" },
        ],
        h,
      );
    default:
      return { osVersion: "24.04", osBuild: null, version: "24.04" };
  }
}
