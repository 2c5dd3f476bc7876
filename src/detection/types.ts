// Shared detection types (the contract consumed by the sync engine and the API).
import type {
  AgentCategory as AgentCategoryEnum,
  EvidenceSource as EvidenceSourceEnum,
  InstallationChannel,
} from "../model/enums";

// The enums are defined once, in model/enums.ts; the catalog writes their values as plain strings.
export type Channel = `${InstallationChannel}`;
export type EvidenceSource = `${EvidenceSourceEnum}`;
export type AgentCategory = `${AgentCategoryEnum}`;

export type HostIde =
  | "vscode"
  | "vscode-insiders"
  | "vscodium"
  | "vscode-server"
  | "code-server"
  | "cursor"
  | "windsurf"
  | "trae"
  | "antigravity"
  | "kiro"
  | "positron"
  | "qoder"
  | "visual-studio"
  | "jetbrains";

export interface UserRef {
  upn?: string;
  accountName?: string;
  accountDomain?: string;
  sid?: string;
  aadObjectId?: string;
}

/** machineId is the Defender machine id when the source knows it. */
export interface DeviceRef {
  machineId?: string;
  aadDeviceId?: string;
  deviceName?: string;
}

export interface Evidence {
  source: EvidenceSource;
  /** The raw values that matched, plus `catalogVersion`. */
  identifiers: Record<string, string>;
  /** 0..1 */
  confidence: number;
}

export interface Detection {
  agentKey: string;
  channel: Channel;
  hostIde?: string;
  version: string | null;
  device: DeviceRef;
  user: UserRef | null;
  firstSeenAt?: Date;
  lastSeenAt?: Date;
  /** AgentsInfo reports the agent Deleted/Uninstalled, or file events show its files deleted. */
  removed?: boolean;
  /**
   * The source names the agent but not exactly how it is installed (an AgentsInfo name the agent has
   * for every channel, a data folder its CLI and IDE extension share): the channels it may stand for.
   * `channel` is the catalog's default; the sync moves the sighting to the installation the device's
   * other sources show, when they show the agent one way only and that way is a candidate.
   */
  channelCandidates?: Channel[];
  /** Use the evidence shows (src/detection/activity.ts): UTC day numbers, and its newest use. */
  useDays?: number[];
  lastUsedAt?: Date;
  evidence: Evidence;
}
