// OS-aware profile folders for generated users.
import type { Os } from "./types";

export function homeDir(os: Os, account: string): string {
  if (os === "windows") return `C:\\Users\\${account}`;
  return os === "macos" ? `/Users/${account}` : `/home/${account}`;
}
