// The catalog compiled once into maps and sets, so matching a row is a few hash lookups.
import { CATALOG, IDE_HOSTS, LOOK_ALIKES, type AgentDefinition, type ProcessRule } from "./catalog";
import { parseExtensionFolder, pathHas } from "./paths";
import type { Channel, HostIde } from "./types";

export interface AgentChannel {
  agentKey: string;
  channel: Channel;
}

export interface VendorRules {
  names: Map<string, string>;
  /** [prefix ending in "_", agent key] */
  prefixes: [string, string][];
}

/** The agent a normalized software name belongs to under one vendor. */
export function softwareAgent(rules: VendorRules, name: string): string | undefined {
  return rules.names.get(name) ?? rules.prefixes.find(([prefix]) => name.startsWith(prefix))?.[1];
}

interface KeyedProcessRule extends ProcessRule {
  agentKey: string;
}

interface KeyedFileRule extends AgentChannel {
  path: string;
}

/** Command-line markers as written in the catalog ("/"), and in both slash directions for KQL. */
export function markerVariants(marker: string): string[] {
  return marker.includes("/") ? [marker, marker.replaceAll("/", "\\")] : [marker];
}

function compileCatalog(catalog: AgentDefinition[]) {
  const softwareByVendor = new Map<string, VendorRules>();
  const ideExtensions = new Map<string, string>();
  const jetbrainsPlugins = new Map<string, string>();
  const browserExtensions = new Map<string, string>();
  const agentsInfoNames = new Map<string, AgentChannel>();
  const commandLineMarkers = new Map<string, AgentChannel>();
  const imageRules = new Map<string, KeyedProcessRule[]>();
  const folderRules: KeyedProcessRule[] = [];
  const fileRulesByName = new Map<string, KeyedFileRule[]>();

  const add = <K, V>(map: Map<K, V[]>, key: K, value: V) => map.set(key, [...(map.get(key) ?? []), value]);

  for (const agent of catalog) {
    const agentKey = agent.key;
    for (const rule of agent.software ?? []) {
      for (const vendor of rule.vendors) {
        const rules = softwareByVendor.get(vendor) ?? { names: new Map<string, string>(), prefixes: [] };
        for (const name of rule.names) rules.names.set(name, agentKey);
        for (const prefix of rule.namePrefixes ?? []) rules.prefixes.push([`${prefix}_`, agentKey]);
        softwareByVendor.set(vendor, rules);
      }
    }
    for (const id of agent.ideExtensions ?? []) ideExtensions.set(id.toLowerCase(), agentKey);
    for (const id of agent.jetbrainsPlugins ?? []) jetbrainsPlugins.set(id.toLowerCase(), agentKey);
    for (const id of agent.browserExtensions ?? []) browserExtensions.set(id.toLowerCase(), agentKey);
    for (const { name, channel } of agent.agentsInfo ?? [])
      agentsInfoNames.set(name.toLowerCase(), { agentKey, channel });
    for (const rule of agent.processes ?? []) {
      const keyed = { ...rule, agentKey };
      for (const marker of rule.commandLines ?? [])
        commandLineMarkers.set(marker.toLowerCase(), { agentKey, channel: rule.channel });
      if (rule.images) for (const image of rule.images) add(imageRules, image.toLowerCase(), keyed);
      else if (rule.folders) folderRules.push(keyed);
    }
    for (const { path, channel } of agent.files ?? []) {
      const rule = { agentKey, channel, path: path.toLowerCase() };
      add(fileRulesByName, rule.path.split("/").pop() as string, rule);
    }
  }
  // An image rule constrained by folder is more specific than the same image anywhere.
  for (const rules of imageRules.values()) rules.sort((a, b) => Number(!a.folders) - Number(!b.folders));

  return {
    softwareByVendor,
    ideExtensions,
    jetbrainsPlugins,
    browserExtensions,
    agentsInfoNames,
    commandLineMarkers,
    imageRules,
    folderRules,
    fileRulesByName,
  };
}

export const LOOKUP = compileCatalog(CATALOG);

const hostByDotFolder = new Map<string, HostIde>();
const hostByDataFolder = new Map<string, HostIde>();
const hostByProcess = new Map<string, HostIde>();
for (const host of IDE_HOSTS) {
  for (const folder of host.dotFolders) hostByDotFolder.set(folder, host.key);
  for (const folder of host.dataFolders) hostByDataFolder.set(folder, host.key);
  for (const process of host.processes) hostByProcess.set(process, host.key);
}

export function hostFromProcessName(process: string): HostIde | undefined {
  const image = process.toLowerCase().split(/[\\/]/).pop() ?? "";
  return hostByProcess.get(image);
}

/** The IDE whose profile holds this path: `<home>/.<host>/…` or `<appdata>/<Host>/User/…`. */
export function hostFromPath(normalized: string): HostIde | undefined {
  const segments = normalized.split("/");
  for (let i = 0; i < segments.length - 1; i++) {
    const dot = hostByDotFolder.get(segments[i]);
    if (dot && segments[i + 1] === "extensions") return dot;
    const data = hostByDataFolder.get(segments[i]);
    if (data && segments[i + 1] === "user") return data;
  }
  return undefined;
}

export interface ExtensionHit extends AgentChannel {
  hostIde: HostIde;
  extensionId: string;
  version: string | null;
}

/** An IDE extension or JetBrains plugin folder somewhere in the path. */
export function extensionFromPath(normalized: string): ExtensionHit | undefined {
  const segments = normalized.split("/");
  for (let i = 1; i < segments.length - 1; i++) {
    if (segments[i] === "extensions") {
      const hostIde = hostByDotFolder.get(segments[i - 1]);
      const { id, version } = parseExtensionFolder(segments[i + 1]);
      const agentKey = LOOKUP.ideExtensions.get(id);
      if (hostIde && agentKey)
        return { agentKey, channel: "IDE_EXTENSION", hostIde, extensionId: id, version };
    }
    if (segments[i - 1] === "jetbrains") {
      // <JetBrains>/<Product><ver>/plugins/<plugin>/… on Windows and macOS, <Product><ver>/<plugin>/… on Linux.
      const plugin = segments[i + 1] === "plugins" ? segments[i + 2] : segments[i + 1];
      const agentKey = plugin ? LOOKUP.jetbrainsPlugins.get(plugin) : undefined;
      if (agentKey) {
        // Plugin jars are named <plugin>-<version>.jar.
        const jar = segments[segments.length - 2];
        const version = jar.endsWith(".jar") ? parseExtensionFolder(jar.slice(0, -4)).version : null;
        return { agentKey, channel: "IDE_EXTENSION", hostIde: "jetbrains", extensionId: plugin, version };
      }
    }
  }
  return undefined;
}

export function isProcessLookAlike(image: string, normalized: string): boolean {
  return LOOK_ALIKES.processes.some(
    (l) => (l.images as readonly string[]).includes(image) && l.folders.some((f) => pathHas(normalized, f)),
  );
}

const deniedSoftware = new Set(
  LOOK_ALIKES.software.map((l) => `${"vendor" in l ? l.vendor : "*"}|${l.name}`),
);

export function isSoftwareLookAlike(vendor: string, name: string): boolean {
  return deniedSoftware.has(`${vendor}|${name}`) || deniedSoftware.has(`*|${name}`);
}

const deniedAgentsInfo = new Set(LOOK_ALIKES.agentsInfo.map((n) => n.toLowerCase()));

export function isAgentsInfoLookAlike(name: string): boolean {
  return deniedAgentsInfo.has(name.toLowerCase());
}
