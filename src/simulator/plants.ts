// What the fleet plants: every record of the field corpus (src/detection/corpus) on a stated share of
// devices, and the corpus's look-alikes, which are never ground truth. The simulator adds no agent
// data of its own: a gap between the corpus and the product's catalog shows up as a miss. Shares
// and their reasoning are in the simulator's README.
import {
  FIELD_RECORDS,
  LOOK_ALIKES,
  type FieldRecord,
  type InstallMethod,
  type LookAlikeRecord,
} from "../detection/corpus";
import { hashString } from "./random";
import type { Channel, Os } from "./types";

export interface Plant {
  record: FieldRecord;
  /** Fraction of devices of the record's OS that get it (before the developer factor). */
  share: number;
  salt: number;
}

export interface LookAlikePlant {
  record: LookAlikeRecord;
  share: number;
  salt: number;
}

/**
 * How common each agent is, per channel, among all devices before the developer factor (fleet.ts
 * multiplies by 2.5 on developer machines and 0.3 elsewhere). Rough 2026 adoption, ranked after
 * public usage surveys; the exact values only set how many installations a test fleet holds.
 */
const AGENT_SHARE: Record<string, Partial<Record<Channel, number>>> = {
  cursor: { DESKTOP_APP: 0.14, CLI: 0.03 },
  "github-copilot": { IDE_EXTENSION: 0.33, CLI: 0.04 },
  "claude-code": { CLI: 0.13, IDE_EXTENSION: 0.06 },
  "claude-desktop": { DESKTOP_APP: 0.08, BROWSER_EXTENSION: 0.03 },
  windsurf: { DESKTOP_APP: 0.05 },
  cline: { IDE_EXTENSION: 0.04, CLI: 0.01 },
  "roo-code": { IDE_EXTENSION: 0.02 },
  "kilo-code": { IDE_EXTENSION: 0.01, CLI: 0.01 },
  continue: { IDE_EXTENSION: 0.02, CLI: 0.01 },
  aider: { CLI: 0.03 },
  codex: { CLI: 0.06, IDE_EXTENSION: 0.04, DESKTOP_APP: 0.02 },
  "chatgpt-desktop": { DESKTOP_APP: 0.06, BROWSER_EXTENSION: 0.04 },
  "gemini-cli": { CLI: 0.05 },
  "gemini-code-assist": { IDE_EXTENSION: 0.02 },
  antigravity: { DESKTOP_APP: 0.03 },
  "amazon-q": { IDE_EXTENSION: 0.02, CLI: 0.02 },
  kiro: { DESKTOP_APP: 0.03, CLI: 0.01 },
  tabnine: { IDE_EXTENSION: 0.02 },
  cody: { IDE_EXTENSION: 0.01 },
  amp: { CLI: 0.01, IDE_EXTENSION: 0.005 },
  "jetbrains-ai": { IDE_EXTENSION: 0.03 },
  junie: { IDE_EXTENSION: 0.01, CLI: 0.005 },
  zed: { DESKTOP_APP: 0.03 },
  supermaven: { IDE_EXTENSION: 0.01 },
  augment: { IDE_EXTENSION: 0.01, CLI: 0.005 },
  opencode: { CLI: 0.03 },
  goose: { CLI: 0.01, DESKTOP_APP: 0.01 },
  warp: { DESKTOP_APP: 0.03 },
  trae: { DESKTOP_APP: 0.01 },
  qoder: { DESKTOP_APP: 0.01, CLI: 0.003 },
  codeium: { IDE_EXTENSION: 0.01 },
  openclaw: { CLI: 0.01, DESKTOP_APP: 0.005 },
  ollama: { DESKTOP_APP: 0.04, CLI: 0.02 },
  "lm-studio": { DESKTOP_APP: 0.02 },
  "kimi-code": { CLI: 0.005 },
  "factory-droid": { CLI: 0.005 },
  crush: { CLI: 0.005 },
};

/** Within one agent and channel, how the installations divide between install methods. */
const METHOD_WEIGHT: Record<InstallMethod, number> = {
  "user-installer": 4,
  "system-installer": 1,
  msix: 2,
  winget: 1.5,
  dmg: 3,
  "homebrew-cask": 2,
  "homebrew-formula": 1.5,
  deb: 2,
  appimage: 0.5,
  "install-script": 3,
  "npm-global": 4,
  npx: 1,
  bunx: 0.3,
  "pnpm-dlx": 0.3,
  pipx: 2,
  pip: 1,
  "uv-tool": 2,
  uvx: 0.5,
  "python-module": 0.5,
  "vscode-marketplace": 3,
  "open-vsx": 1,
  "jetbrains-marketplace": 1,
  "chrome-web-store": 1,
  bundled: 1,
};

/** Every record is planted somewhere: a test fleet of 2,000 devices holds a few of each. */
export const MIN_RECORD_SHARE = 0.002;

/** Share of devices of a matching OS with each look-alike (most are ordinary software). */
const LOOK_ALIKE_SHARE = 0.03;

function plantsFor(os: Os): Plant[] {
  const records = FIELD_RECORDS.filter((r) => r.os === os);
  const weightOf = (agentKey: string, channel: Channel) =>
    records
      .filter((r) => r.agentKey === agentKey && r.channel === channel)
      .reduce((sum, r) => sum + METHOD_WEIGHT[r.method], 0);
  return records.map((record) => {
    const agentShare = AGENT_SHARE[record.agentKey]?.[record.channel] ?? MIN_RECORD_SHARE;
    const share = (agentShare * METHOD_WEIGHT[record.method]) / weightOf(record.agentKey, record.channel);
    return { record, share: Math.max(MIN_RECORD_SHARE, share), salt: hashString(record.id) };
  });
}

export const PLANTS: Record<Os, readonly Plant[]> = {
  windows: plantsFor("windows"),
  macos: plantsFor("macos"),
  linux: plantsFor("linux"),
};

function lookAlikesFor(os: Os): LookAlikePlant[] {
  return LOOK_ALIKES.filter((r) => r.os === os).map((record) => ({
    record,
    // AgentsInfo look-alikes mirror the catalogue's AgentsInfo coverage; IDE helpers run wherever an IDE does.
    share: record.variants?.length ? 0.08 : LOOK_ALIKE_SHARE,
    salt: hashString(record.id),
  }));
}

export const LOOK_ALIKE_PLANTS: Record<Os, readonly LookAlikePlant[]> = {
  windows: lookAlikesFor("windows"),
  macos: lookAlikesFor("macos"),
  linux: lookAlikesFor("linux"),
};
