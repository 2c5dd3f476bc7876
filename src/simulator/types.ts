// Shapes shared by the fleet generator, the hunting tables and the HTTP layer.

export type Os = "windows" | "macos" | "linux";
export type Channel = "DESKTOP_APP" | "CLI" | "IDE_EXTENSION" | "BROWSER_EXTENSION";
export type HostIde =
  | "vscode"
  | "vscode-insiders"
  | "vscodium"
  | "vscode-server"
  | "cursor"
  | "windsurf"
  | "trae"
  | "antigravity"
  | "kiro"
  | "jetbrains";

export interface FleetUser {
  accountName: string;
  accountDomain: string;
  sid: string;
  upn: string;
  aadObjectId: string;
}

/** Where an artifact lives: paths are built for the device's OS and the owning user's profile. */
export interface PathContext {
  os: Os;
  home: string;
  sep: "\\" | "/";
  user: FleetUser;
  version: string;
  hostIde?: HostIde;
}

export interface ProcessArtifact {
  fileName: string;
  /** Full image path, as DeviceProcessEvents.FolderPath reports it. */
  folderPath: string;
  commandLine: string;
  productVersion: string;
  company: string;
}

export interface FileArtifact {
  /** The containing folder (DeviceFileEvents.FolderPath). */
  folderPath: string;
  fileName: string;
}

export interface SoftwareArtifact {
  vendor: string;
  name: string;
  cpe: boolean;
  diskPaths: string[];
  registryPaths: string[];
}

export interface BrowserExtensionArtifact {
  extensionId: string;
  name: string;
  description: string;
  vendor: string;
  risk: "None" | "Low" | "Medium" | "High" | "Critical";
}

export interface AgentsInfoArtifact {
  name: string;
  vendor: string;
  relatedProcess: string;
}
