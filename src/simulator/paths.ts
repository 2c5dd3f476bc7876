// OS-aware path building for generated artifacts.
import type { FleetUser, Os, PathContext } from "./types";

export function homeDir(os: Os, account: string): string {
  if (os === "windows") return `C:\\Users\\${account}`;
  return os === "macos" ? `/Users/${account}` : `/home/${account}`;
}

export function pathContext(os: Os, user: FleetUser, version: string): PathContext {
  return { os, home: homeDir(os, user.accountName), sep: os === "windows" ? "\\" : "/", user, version };
}

/** Joins segments under the user's home with the OS separator. */
export function inHome(ctx: PathContext, ...segments: string[]): string {
  return [ctx.home, ...segments].join(ctx.sep);
}

export function localAppData(ctx: PathContext, ...segments: string[]): string {
  return inHome(ctx, "AppData", "Local", ...segments);
}

export function roamingAppData(ctx: PathContext, ...segments: string[]): string {
  return inHome(ctx, "AppData", "Roaming", ...segments);
}

/** Splits a full file path into its folder and file name. */
export function splitPath(fullPath: string, sep: string): { folderPath: string; fileName: string } {
  const at = fullPath.lastIndexOf(sep);
  return { folderPath: fullPath.slice(0, at), fileName: fullPath.slice(at + 1) };
}
