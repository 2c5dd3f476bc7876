import type { Channel, Detection, EvidenceSource } from "../detection";
import { StringPool } from "./detach";
import { observeInstallations, Sightings, toSighting } from "./observations";

const NOW = new Date("2026-11-27T08:00:00.000Z");

function detection(
  source: EvidenceSource,
  agentKey: string,
  channel: Channel,
  extra: Partial<Detection> = {},
): Detection {
  return {
    agentKey,
    channel,
    version: null,
    device: { machineId: "d1" },
    user: null,
    lastSeenAt: new Date("2026-11-20T08:00:00.000Z"),
    evidence: { source, identifiers: { catalogVersion: "1" }, confidence: 0.9 },
    ...extra,
  };
}

/** The sightings of one device, as the sync keeps them once every page is read. */
function sightings(...detections: Detection[]) {
  const pool = new StringPool();
  const all = new Sightings();
  for (const d of detections) all.add(toSighting(d, "d1", null, pool));
  return [...all.values()];
}

const channels = (list: ReturnType<typeof sightings>) =>
  list.map((s) => `${s.source} ${s.agentKey} ${s.channel}`);

describe("Sightings", () => {
  it("moves evidence that names the agent but not its channel to the one installation the device shows", () => {
    const goose = detection("AGENTS_INFO", "goose", "DESKTOP_APP", {
      channelCandidates: ["CLI", "DESKTOP_APP", "IDE_EXTENSION"],
    });
    expect(channels(sightings(goose, detection("PROCESS_EVENTS", "goose", "CLI")))).toEqual([
      "AGENTS_INFO goose CLI",
      "PROCESS_EVENTS goose CLI",
    ]);
  });

  it("keeps such evidence on its default channel when the device shows the agent more than one way", () => {
    const goose = detection("AGENTS_INFO", "goose", "DESKTOP_APP", {
      channelCandidates: ["CLI", "DESKTOP_APP"],
    });
    const list = sightings(
      goose,
      detection("PROCESS_EVENTS", "goose", "CLI"),
      detection("FILE_EVENTS", "goose", "IDE_EXTENSION"),
    );
    expect(channels(list)[0]).toBe("AGENTS_INFO goose DESKTOP_APP");
  });

  it("never moves evidence to a channel it cannot stand for", () => {
    // Discovery saw Claude Code run outside any IDE: it is not the extension the device also has.
    const cli = detection("AGENTS_INFO", "claude-code", "CLI", { channelCandidates: ["CLI", "DESKTOP_APP"] });
    const extension = detection("PROCESS_EVENTS", "claude-code", "IDE_EXTENSION", { hostIde: "vscode" });
    expect(channels(sightings(cli, extension))).toEqual([
      "AGENTS_INFO claude-code CLI",
      "PROCESS_EVENTS claude-code IDE_EXTENSION",
    ]);
  });

  it("folds a sighting that does not name its IDE into one that does", () => {
    const config = detection("FILE_EVENTS", "tabnine", "IDE_EXTENSION");
    const folder = detection("FILE_EVENTS", "tabnine", "IDE_EXTENSION", {
      hostIde: "vscode",
      version: "3.318.0",
    });
    expect(sightings(config, folder).map((s) => [s.hostIde, s.version])).toEqual([["vscode", "3.318.0"]]);
  });
});

describe("observeInstallations", () => {
  it("takes the newest version the event sources show, and an inventory's over any event's", () => {
    const observe = (...detections: Detection[]) =>
      observeInstallations(
        sightings(...detections).map((s) => ({ detection: s, deviceId: "d1", userId: null })),
        [],
        new Map([["codex", "codex"]]),
        NOW,
      ).map((o) => o.version);
    const launched = detection("PROCESS_EVENTS", "codex", "IDE_EXTENSION", { version: "0.4.34" });
    const upgraded = detection("FILE_EVENTS", "codex", "IDE_EXTENSION", { version: "0.5.2" });
    expect(observe(launched, upgraded)).toEqual(["0.5.2"]);
    expect(
      observe(launched, upgraded, detection("AGENTS_INFO", "codex", "IDE_EXTENSION", { version: "0.5.1" })),
    ).toEqual(["0.5.1"]);
  });
});
