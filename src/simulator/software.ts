// Ordinary software every fleet carries: baseline OS components, common apps and line-of-business
// filler. AI agents and their look-alikes come from the field corpus (plants.ts).
import type { Os } from "./types";

export interface SoftwareItem {
  vendor: string;
  name: string;
  cpe: boolean;
  /** "w", "m", "l" letters: the platforms it exists on. */
  platforms: string;
  /** Probability a device of a matching platform has it (1 = baseline). */
  share: number;
  versions: readonly string[];
}

function item(
  platforms: string,
  vendor: string,
  name: string,
  cpe: boolean,
  share: number,
  ...versions: string[]
): SoftwareItem {
  return { vendor, name, cpe, platforms, share, versions };
}

const BASELINE: SoftwareItem[] = [
  item("w", "microsoft", "edge", true, 1, "142.0.3595.53", "142.0.3595.80"),
  item("w", "microsoft", ".net_framework", true, 1, "4.8.1.9221"),
  item("w", "microsoft", "onedrive", true, 1, "25.194.1005.2"),
  item("w", "microsoft", "teams", true, 1, "25290.205.4069.4894"),
  item("w", "microsoft", "365_apps", true, 1, "16.0.19231.20194"),
  item("w", "microsoft", "powershell", true, 1, "7.5.4.0"),
  item("w", "microsoft", "visual_c++_2015-2022_redistributable", true, 1, "14.44.35211.0"),
  item("w", "microsoft", "webview2_runtime", false, 1, "142.0.3595.53"),
  item("w", "microsoft", "windows_terminal", false, 1, "1.23.12811.0"),
  item("w", "microsoft", "update_health_tools", false, 1, "5.72.0.0"),
  item("m", "apple", "safari", true, 1, "26.1"),
  item("m", "apple", "xcode_command_line_tools", false, 1, "26.1"),
  item("m", "microsoft", "defender_for_endpoint", false, 1, "101.25092.5"),
  item("l", "openssl", "openssl", true, 1, "3.0.13"),
  item("l", "gnu", "bash", true, 1, "5.2.21"),
  item("l", "openbsd", "openssh", true, 1, "9.6p1"),
  item("l", "gnu", "glibc", true, 1, "2.39"),
  item("l", "curl", "curl", true, 1, "8.5.0"),
  item("l", "systemd_project", "systemd", true, 1, "255.4"),
];

const COMMON: SoftwareItem[] = [
  item("wml", "google", "chrome", true, 0.85, "142.0.7444.135", "142.0.7444.176"),
  item("wml", "mozilla", "firefox", true, 0.3, "145.0", "145.0.1"),
  item("wm", "zoom", "zoom", true, 0.6, "6.6.6.2306"),
  item("wm", "slack", "slack", true, 0.55, "4.46.101"),
  item("wml", "git-scm", "git", true, 0.6, "2.51.2", "2.52.0"),
  item("wml", "python", "python", true, 0.55, "3.12.10", "3.13.9"),
  item("wml", "nodejs", "node.js", true, 0.5, "22.11.0", "24.11.1"),
  item("wml", "microsoft", "visual_studio_code", true, 0.45, "1.105.1", "1.106.2"),
  item("wml", "docker", "docker_desktop", true, 0.3, "4.50.0"),
  item("wml", "postman", "postman", true, 0.3, "11.70.5"),
  item("wml", "jetbrains", "intellij_idea", true, 0.12, "2025.2.4"),
  item("wml", "jetbrains", "pycharm", true, 0.08, "2025.2.4"),
  item("wml", "oracle", "jdk", true, 0.35, "21.0.9", "25.0.1"),
  item("wml", "hashicorp", "terraform", true, 0.15, "1.13.5"),
  item("wml", "amazon", "aws_cli", true, 0.25, "2.31.35"),
  item("wml", "microsoft", "azure_cli", true, 0.3, "2.79.0"),
  item("wml", "google", "cloud_sdk", true, 0.12, "546.0.0"),
  item("wml", "kubernetes", "kubectl", true, 0.2, "1.34.2"),
  item("wml", "helm", "helm", true, 0.1, "3.19.2"),
  item("wml", "videolan", "vlc_media_player", true, 0.3, "3.0.21"),
  item("wml", "wireshark", "wireshark", true, 0.08, "4.6.1"),
  item("wml", "libreoffice", "libreoffice", true, 0.1, "25.8.3"),
  item("wml", "gimp", "gimp", true, 0.08, "3.0.6"),
  item("wml", "inkscape", "inkscape", true, 0.05, "1.4.2"),
  item("wml", "obsproject", "obs_studio", true, 0.06, "32.0.2"),
  item("wml", "1password", "1password", true, 0.35, "8.11.16"),
  item("wml", "dropbox", "dropbox", true, 0.1, "236.4.6270"),
  item("wm", "spotify", "spotify", false, 0.25, "1.2.76.298"),
  item("wm", "cisco", "secure_client", true, 0.4, "5.1.12.146"),
  item("wm", "paloaltonetworks", "globalprotect", true, 0.3, "6.3.3"),
  item("wm", "adobe", "acrobat_reader_dc", true, 0.55, "25.001.20844"),
  item("wm", "microsoft", "remote_desktop", true, 0.3, "1.2.6353.0"),
  item("wm", "github", "github_desktop", false, 0.15, "3.5.4"),
  item("wm", "figma", "figma", false, 0.15, "125.10.8"),
  item("wm", "notion", "notion", false, 0.2, "4.22.1"),
  item("wm", "grammarly", "grammarly_desktop", false, 0.1, "1.2.190.1735"),
  item("w", "7-zip", "7-zip", true, 0.6, "25.01"),
  item("w", "notepad-plus-plus", "notepad++", true, 0.4, "8.8.7"),
  item("w", "putty", "putty", true, 0.25, "0.83"),
  item("w", "winscp", "winscp", true, 0.2, "6.5.4"),
  item("w", "microsoft", "visual_studio_2022", true, 0.15, "17.14.20"),
  item("w", "microsoft", "sql_server_management_studio", true, 0.08, "21.6.17"),
  item("w", "microsoft", "power_bi_desktop", true, 0.1, "2.148.1226.0"),
  item("w", "microsoft", "powertoys", true, 0.2, "0.95.1"),
  item("w", "greenshot", "greenshot", false, 0.15, "1.3.301"),
  item("w", "keepass", "keepass", true, 0.08, "2.60"),
  item("w", "citrix", "workspace", true, 0.2, "25.8.10.35"),
  item("w", "vmware", "horizon_client", true, 0.1, "8.16.0"),
  item("w", "fortinet", "forticlient", true, 0.1, "7.4.4.1658"),
  item("w", "intel", "graphics_driver", false, 0.7, "32.0.101.7026"),
  item("w", "nvidia", "graphics_driver", false, 0.25, "581.57"),
  item("w", "realtek", "high_definition_audio_driver", false, 0.7, "6.0.9733.1"),
  item("w", "dell", "command_update", false, 0.35, "5.5.0"),
  item("w", "hp", "support_assistant", false, 0.25, "9.47.41.0"),
  item("w", "lenovo", "vantage", false, 0.2, "10.2509.23.0"),
  item("w", "microsoft", "visual_c++_2013_redistributable", true, 0.6, "12.0.40664.0"),
  item("w", "microsoft", "windows_sdk", false, 0.2, "10.1.26100.4654"),
  item("w", "microsoft", "windows_pc_health_check", false, 0.5, "3.8.2412.17001"),
  item("w", "microsoft", "windows_app_runtime", false, 0.6, "1.7.250909003"),
  item("w", "microsoft", "gamebar", false, 0.5, "7.325.9031.0"),
  item("w", "microsoft", "quick_assist", false, 0.5, "2.0.41.0"),
  item("m", "homebrew", "homebrew", false, 0.6, "4.6.20"),
  item("m", "iterm2", "iterm2", true, 0.35, "3.6.6"),
  item("m", "raycast", "raycast", false, 0.25, "1.103.6"),
  item("m", "rectangle", "rectangle", false, 0.2, "0.91"),
  item("m", "apple", "keynote", false, 0.5, "14.4"),
  item("m", "apple", "numbers", false, 0.5, "14.4"),
  item("m", "apple", "pages", false, 0.5, "14.4"),
  item("l", "gnome", "gnome_shell", false, 0.6, "46.0"),
  item("l", "vim", "vim", true, 0.8, "9.1.0016"),
  item("l", "tmux_project", "tmux", true, 0.5, "3.4"),
  item("l", "sudo_project", "sudo", true, 1, "1.9.15p5"),
  item("l", "zsh", "zsh", true, 0.4, "5.9"),
];

/** Non-CPE line-of-business apps: filler that brings devices to about 100 rows. */
function lineOfBusiness(): SoftwareItem[] {
  const items: SoftwareItem[] = [];
  const names = [
    "expenses",
    "timesheet",
    "vpn_helper",
    "badge_printer",
    "hr_portal",
    "crm_client",
    "print_agent",
    "asset_tag",
    "sso_helper",
    "backup_agent",
  ];
  for (let i = 0; i < 120; i++) {
    const name = `${names[i % names.length]}_${Math.floor(i / names.length) + 1}`;
    items.push(item("wml", "contoso", name, false, 0.55, `${1 + (i % 4)}.${i % 10}.0`));
  }
  return items;
}

export const SOFTWARE_CATALOG: readonly SoftwareItem[] = [...BASELINE, ...COMMON, ...lineOfBusiness()];

export function platformLetter(os: Os): string {
  if (os === "windows") return "w";
  return os === "macos" ? "m" : "l";
}

/** The row for the OS itself, present on every device. */
export function osSoftware(os: Os, osPlatform: string, osVersion: string): SoftwareItem {
  if (os === "windows")
    return item(
      "w",
      "microsoft",
      osPlatform === "Windows11" ? "windows_11" : "windows_10",
      true,
      1,
      osVersion,
    );
  if (os === "macos") return item("m", "apple", "macos", true, 1, osVersion);
  return item("l", "canonical", "ubuntu_linux", true, 1, osVersion);
}
