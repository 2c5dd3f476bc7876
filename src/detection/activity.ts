// What counts as use of an installation, and what is only its install (README "Activity").
// Use: the agent's own process running, an IDE's extension host running the extension, the agent (or
// a process of it) writing its data or config files. Not use: installers, package managers' install,
// update and removal commands, an agent's own `install`/`update` command, and every file such a
// process writes; AgentsInfo, which reports presence, not use.
import { toDate, toList } from "./detections";

/**
 * Command-line verbs of installs, updates and removals, as whole terms (Kusto `has_any`): npm's
 * `install`/`update`/`uninstall` (docs.npmjs.com/cli/commands), pipx's and uv's `install`/`upgrade`/
 * `reinstall`/`uninstall` (pipx.pypa.io, docs.astral.sh/uv/guides/tools), Homebrew's and WinGet's
 * `install`/`upgrade`/`uninstall` (docs.brew.sh/Manpage, learn.microsoft.com/windows/package-manager/
 * winget), VS Code's `--install-extension` (code.visualstudio.com/docs/configure/command-line), Claude
 * Code's `claude install` and `claude update` (docs.anthropic.com/en/docs/claude-code/setup), and the
 * vendors' `install.sh`/`install.ps1` scripts.
 */
export const SETUP_VERBS = ["install", "reinstall", "uninstall", "update", "upgrade"];

const DAY_MS = 86_400_000;

/** UTC day number (days since 1970-01-01) of an instant. */
export const utcDay = (epochMs: number): number => Math.floor(epochMs / DAY_MS);

/** What a row shows of use: the UTC days it saw use on, and its newest use. */
export interface UseEvidence {
  useDays: number[];
  lastUsedAt: Date;
}

/**
 * The use a hunting row shows, or undefined when it shows only an install. `setup` is the query's
 * `Setup` column (the process, or the process that wrote the file, ran a setup verb or is an
 * installer); `installOnly` is what the matcher knows beyond it (an installer package, a package's
 * own files rather than its data). `days` is the query's `Days` column: make_set(startofday(Timestamp)).
 */
export function useOf(
  row: { Days?: unknown; LastSeen?: string | Date; Setup?: unknown },
  installOnly: boolean,
): UseEvidence | undefined {
  if (installOnly || row.Setup === true || row.Setup === "true") return undefined;
  const lastUsedAt = toDate(row.LastSeen);
  const useDays = [...new Set(toList(row.Days).flatMap((d) => dayOf(d)))].sort((a, b) => a - b);
  if (!lastUsedAt) return undefined;
  // A row without day bins still shows the day of its newest event.
  return { useDays: useDays.length ? useDays : [utcDay(lastUsedAt.getTime())], lastUsedAt };
}

function dayOf(value: string): number[] {
  const at = Date.parse(value);
  return Number.isNaN(at) ? [] : [utcDay(at)];
}

/** Signals of a matcher hit that stand for an install, never for use. */
export const isInstallSignal = (signal: string): boolean => signal.includes("installer:");
