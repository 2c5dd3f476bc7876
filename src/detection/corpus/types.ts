// Shapes of the field corpus: what an AI coding agent, installed one way on one OS, leaves in
// Defender data. Paths and command lines are templates (see render.ts for the placeholders), so one
// record serves every device, user and version. Only the simulator and tests read the corpus.
import type { Channel, HostIde } from "../types";

export type Os = "windows" | "macos" | "linux";

export type FieldChannel = Channel;

/** How the agent got onto the machine: every way its vendor documents, plus common package managers. */
export type InstallMethod =
  | "user-installer"
  | "system-installer"
  | "msix"
  | "winget"
  | "dmg"
  | "homebrew-cask"
  | "homebrew-formula"
  | "deb"
  | "appimage"
  | "install-script"
  | "npm-global"
  | "npx"
  | "bunx"
  | "pnpm-dlx"
  | "pipx"
  | "pip"
  | "uv-tool"
  | "uvx"
  | "python-module"
  | "vscode-marketplace"
  | "open-vsx"
  | "jetbrains-marketplace"
  | "chrome-web-store"
  | "bundled";

/** IDEs that host extensions: the product's, plus code-server, which shares the remote server layout. */
export type HostKey = HostIde | "code-server";

/**
 * When a sighting happens in an installation's life: at install (and again at each upgrade), on
 * each day it is used, or at removal.
 */
export type Moment = "install" | "use" | "remove";

/** A DeviceProcessEvents row: the image that ran and how it was started. */
export interface ProcessSighting {
  when: Moment;
  /** Full image path (FolderPath); FileName is its last segment. */
  image: string;
  commandLine: string;
  /** ProcessVersionInfoCompanyName / ProductName / ProductVersion, as the image's version resource says. */
  company?: string;
  product?: string;
  productVersion?: string;
  /** The initiating process image; the user's shell when absent. */
  parent?: string;
}

/** A DeviceFileEvents row: a file the agent (or its installer) wrote, or deleted at removal. */
export interface FileSighting {
  when: Moment;
  /** Full path of the file (FolderPath + FileName). */
  path: string;
  /** The initiating process image; the agent's first process (or the shell) when absent. */
  by?: string;
}

/**
 * A software inventory row. Non-CPE rows carry the installer's publisher and display name turned into
 * Defender's tokens (see inventory.ts); CPE rows carry the CPE vendor and product.
 */
export interface InventorySighting {
  publisher: string;
  displayName: string;
  /** "vendor:product" when Defender maps the product to a CPE (a template; empty means no CPE). */
  cpe?: string;
  /** Template of softwareVersion; "{version}" when absent. */
  version?: string;
  diskPaths?: readonly string[];
  registryPaths?: readonly string[];
}

/** An AgentsInfo row (Defender's local AI agent discovery, Windows and macOS preview). */
export interface AgentsInfoSighting {
  name: string;
  vendor: string;
  relatedProcess: string;
}

/** A browser extension inventory row. */
export interface BrowserSighting {
  extensionId: string;
  name: string;
  description: string;
  vendor: string;
  risk: "None" | "Low" | "Medium" | "High" | "Critical";
}

/**
 * An alternative layout of the same install method: which IDE hosts an extension, which Node or
 * Python a CLI runs on, which shim launched it. One is chosen per installation; its `vars` fill the
 * record's placeholders.
 */
export interface Variant {
  key: string;
  vars: Readonly<Record<string, string>>;
  /** The IDE the extension lives in (ground truth `hostIde`). */
  host?: HostKey;
  /** Relative frequency among the record's variants (default 1). */
  weight?: number;
}

interface Sightings {
  inventory?: readonly InventorySighting[];
  processes?: readonly ProcessSighting[];
  files?: readonly FileSighting[];
  agentsInfo?: AgentsInfoSighting;
  browserExtension?: BrowserSighting;
  id: string;
  os: Os;
  /** Released versions, oldest first; upgrades move along this list. */
  versions: readonly string[];
  /** Record-level placeholders (package path, binary name…). */
  vars?: Readonly<Record<string, string>>;
  variants?: readonly Variant[];
  /** Public sources: install docs, package pages, manifests, the package's own repository. */
  sources: readonly string[];
  /** What part of the record is inferred rather than read in a source, and why. */
  inferred?: string;
}

/** One agent, installed one way, on one OS. */
export interface FieldRecord extends Sightings {
  agentKey: string;
  channel: FieldChannel;
  method: InstallMethod;
}

/** Software or activity that shares an agent's name or word but is not an AI coding agent. */
export interface LookAlikeRecord extends Sightings {
  /** The agent keys whose names it collides with. */
  resembles: readonly string[];
}
