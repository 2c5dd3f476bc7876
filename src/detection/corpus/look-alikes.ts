// Software and activity that share an agent's short name, product word, folder or host process but
// are not AI coding agents (or are AI tools the catalog does not cover). None of it may be reported.
import { ALL_OS } from "./builders";
import { AGENTS_INFO_SOURCE } from "./clis";
import { hostVariants, SHELLS, UNINSTALL_HKCU, UNINSTALL_HKLM } from "./layouts";
import type { LookAlikeRecord, Os } from "./types";

const sepOf = (os: Os) => (os === "windows" ? "\\" : "/");

/** A non-AI VS Code extension forking a Node child the way AI extensions do (layouts.ts hostVariants). */
function hostFork(
  id: string,
  resembles: string[],
  folder: string,
  script: string,
  args: string,
  sources: string[],
): LookAlikeRecord[] {
  return ALL_OS.map((os) => {
    const sep = sepOf(os);
    const rel = os === "windows" ? script.replace(/\//g, "\\") : script;
    return {
      id: `${id}:${os}`,
      resembles,
      os,
      versions: ["1.0.0"],
      variants: hostVariants(os),
      processes: [
        {
          when: "use",
          image: "{forkImage}",
          commandLine: `${os === "windows" ? '"{forkImage}"' : "{forkImage}"} {forkFlag}{extensionsUri}${sep}${folder}${sep}${rel} ${args}`,
          parent: "{forkImage}",
        },
      ],
      files: [
        {
          when: "use",
          path: `{userData}${sep}globalStorage${sep}${folder.replace(/-\d.*$/, "")}${sep}state.json`,
          by: "{forkImage}",
        },
      ],
      sources,
    };
  });
}

export const LOOK_ALIKE_RECORDS: readonly LookAlikeRecord[] = [
  // pressly/goose, a database migration tool: `go install github.com/pressly/goose/v3/cmd/goose@latest`,
  // and it is Homebrew's formula named `goose` (https://github.com/pressly/goose#install, https://formulae.brew.sh/formula/goose).
  {
    id: "pressly-goose:homebrew:macos",
    resembles: ["goose"],
    os: "macos",
    versions: ["3.24.3", "3.26.0"],
    processes: [
      {
        when: "use",
        image: "/opt/homebrew/Cellar/goose/{version}/bin/goose",
        commandLine:
          'goose -dir db/migrations postgres "host=localhost user=app dbname=app sslmode=disable" up',
        parent: SHELLS.macos,
      },
    ],
    files: [
      {
        when: "use",
        path: "{home}/src/api/db/migrations/20261102091500_add_orders.sql",
        by: "/opt/homebrew/Cellar/goose/{version}/bin/goose",
      },
    ],
    sources: ["https://github.com/pressly/goose#install", "https://formulae.brew.sh/formula/goose"],
  },
  ...(["linux", "windows"] as const).map((os): LookAlikeRecord => ({
    id: `pressly-goose:go-install:${os}`,
    resembles: ["goose"],
    os,
    versions: ["3.26.0"],
    processes: [
      {
        when: "use",
        image: os === "windows" ? "{home}\\go\\bin\\goose.exe" : "{home}/go/bin/goose",
        commandLine:
          os === "windows"
            ? "goose.exe sqlite3 .\\app.db status"
            : 'goose -dir ./migrations mysql "app:secret@/app" status',
        parent: SHELLS[os],
      },
    ],
    sources: ["https://github.com/pressly/goose#install", "https://go.dev/ref/mod#go-install"],
  })),
  // Untitled Goose Game from Steam (https://store.steampowered.com/app/837470); Steam registers games
  // as "Steam App <id>" (inferred from Steam's uninstall entries).
  {
    id: "untitled-goose-game:steam:windows",
    resembles: ["goose"],
    os: "windows",
    versions: ["1.1.2"],
    inventory: [
      {
        publisher: "House House",
        displayName: "Untitled Goose Game",
        registryPaths: [`${UNINSTALL_HKLM}\\Steam App 837470`],
      },
    ],
    processes: [
      {
        when: "use",
        image: "C:\\Program Files (x86)\\Steam\\steamapps\\common\\Untitled Goose Game\\Untitled.exe",
        commandLine: '"C:\\Program Files (x86)\\Steam\\steamapps\\common\\Untitled Goose Game\\Untitled.exe"',
        parent: "C:\\Program Files (x86)\\Steam\\steam.exe",
      },
    ],
    sources: ["https://store.steampowered.com/app/837470/Untitled_Goose_Game/"],
    inferred: "the ARP entry's name",
  },
  // Microsoft's consumer Copilot app (Store package Microsoft.Copilot_8wekyb3d8bbwe; okta
  // microsoft_copilot_detection.yml) and its AgentsInfo entry "Microsoft Copilot".
  {
    id: "microsoft-copilot:msix:windows",
    resembles: ["github-copilot"],
    os: "windows",
    versions: ["1.25102.137.0"],
    processes: [
      {
        when: "use",
        image: "C:\\Program Files\\WindowsApps\\Microsoft.Copilot_{version}_x64__8wekyb3d8bbwe\\Copilot.exe",
        commandLine:
          '"C:\\Program Files\\WindowsApps\\Microsoft.Copilot_{version}_x64__8wekyb3d8bbwe\\Copilot.exe"',
        company: "Microsoft Corporation",
        product: "Microsoft Copilot",
        productVersion: "{version}",
        parent: "C:\\Windows\\explorer.exe",
      },
    ],
    files: [
      {
        when: "use",
        path: "{home}\\AppData\\Local\\Packages\\Microsoft.Copilot_8wekyb3d8bbwe\\LocalState\\settings.json",
        by: "C:\\Program Files\\WindowsApps\\Microsoft.Copilot_{version}_x64__8wekyb3d8bbwe\\Copilot.exe",
      },
    ],
    agentsInfo: { name: "Microsoft Copilot", vendor: "Microsoft", relatedProcess: "Copilot.exe" },
    sources: [
      "https://apps.microsoft.com/detail/9nht9rb2f4hd",
      "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/Windows/microsoft_copilot_detection.yml",
      AGENTS_INFO_SOURCE,
    ],
  },
  // The Microsoft 365 Copilot app (the former Office hub): https://learn.microsoft.com/copilot/microsoft-365/microsoft-365-copilot-app
  {
    id: "m365-copilot:msix:windows",
    resembles: ["github-copilot"],
    os: "windows",
    versions: ["19.2510.34031.0"],
    inventory: [{ publisher: "Microsoft", displayName: "Microsoft 365 Copilot" }],
    processes: [
      {
        when: "use",
        image:
          "C:\\Program Files\\WindowsApps\\Microsoft.MicrosoftOfficeHub_{version}_x64__8wekyb3d8bbwe\\M365Copilot.exe",
        commandLine:
          '"C:\\Program Files\\WindowsApps\\Microsoft.MicrosoftOfficeHub_{version}_x64__8wekyb3d8bbwe\\M365Copilot.exe"',
        company: "Microsoft Corporation",
        product: "Microsoft 365 Copilot",
        productVersion: "{version}",
        parent: "C:\\Windows\\explorer.exe",
      },
    ],
    sources: ["https://learn.microsoft.com/copilot/microsoft-365/microsoft-365-copilot-app"],
    inferred: "the executable's name and the inventory strings",
  },
  // AWS Copilot CLI, a container deployment tool whose binary is also `copilot`
  // (https://aws.github.io/copilot-cli/docs/getting-started/install/).
  {
    id: "aws-copilot-cli:homebrew:macos",
    resembles: ["github-copilot"],
    os: "macos",
    versions: ["1.34.1"],
    processes: [
      {
        when: "use",
        image: "/opt/homebrew/Cellar/copilot-cli/{version}/bin/copilot",
        commandLine: "copilot svc deploy --name api --env test",
        parent: SHELLS.macos,
      },
    ],
    sources: ["https://aws.github.io/copilot-cli/docs/getting-started/install/"],
  },
  {
    id: "aws-copilot-cli:download:linux",
    resembles: ["github-copilot"],
    os: "linux",
    versions: ["1.34.1"],
    processes: [
      {
        when: "use",
        image: "/usr/local/bin/copilot",
        commandLine: "copilot app init web",
        parent: SHELLS.linux,
      },
    ],
    sources: ["https://aws.github.io/copilot-cli/docs/getting-started/install/"],
  },
  {
    id: "aws-copilot-cli:download:windows",
    resembles: ["github-copilot"],
    os: "windows",
    versions: ["1.34.1"],
    processes: [
      {
        when: "use",
        image: "C:\\Program Files\\copilot\\copilot.exe",
        commandLine: "copilot.exe env ls",
        parent: SHELLS.windows,
      },
    ],
    sources: ["https://aws.github.io/copilot-cli/docs/getting-started/install/"],
  },
  // Cloudflare WARP (https://developers.cloudflare.com/cloudflare-one/connections/connect-devices/warp/download-warp/).
  {
    id: "cloudflare-warp:msi:windows",
    resembles: ["warp"],
    os: "windows",
    versions: ["2025.9.558.0"],
    inventory: [
      {
        publisher: "Cloudflare, Inc.",
        displayName: "Cloudflare WARP",
        diskPaths: ["C:\\Program Files\\Cloudflare\\Cloudflare WARP\\Cloudflare WARP.exe"],
        registryPaths: [`${UNINSTALL_HKLM}\\{A9F4E1B2-3C5D-4E6F-8A9B-0C1D2E3F4A5B}`],
      },
    ],
    processes: [
      {
        when: "use",
        image: "C:\\Program Files\\Cloudflare\\Cloudflare WARP\\warp-svc.exe",
        commandLine: '"C:\\Program Files\\Cloudflare\\Cloudflare WARP\\warp-svc.exe"',
        company: "Cloudflare, Inc.",
        productVersion: "{version}",
        parent: "C:\\Windows\\System32\\services.exe",
      },
      {
        when: "use",
        image: "C:\\Program Files\\Cloudflare\\Cloudflare WARP\\Cloudflare WARP.exe",
        commandLine: '"C:\\Program Files\\Cloudflare\\Cloudflare WARP\\Cloudflare WARP.exe"',
        company: "Cloudflare, Inc.",
        productVersion: "{version}",
        parent: "C:\\Windows\\explorer.exe",
      },
    ],
    sources: [
      "https://developers.cloudflare.com/cloudflare-one/connections/connect-devices/warp/download-warp/",
    ],
    inferred: "the MSI product code",
  },
  {
    id: "cloudflare-warp:pkg:macos",
    resembles: ["warp"],
    os: "macos",
    versions: ["2025.9.558.0"],
    inventory: [
      {
        publisher: "Cloudflare, Inc.",
        displayName: "Cloudflare WARP",
        diskPaths: ["/Applications/Cloudflare WARP.app"],
      },
    ],
    processes: [
      {
        when: "use",
        image: "/Applications/Cloudflare WARP.app/Contents/Resources/CloudflareWARP",
        commandLine: "/Applications/Cloudflare WARP.app/Contents/Resources/CloudflareWARP",
        parent: "/sbin/launchd",
      },
    ],
    sources: [
      "https://developers.cloudflare.com/cloudflare-one/connections/connect-devices/warp/download-warp/",
    ],
  },
  {
    id: "cloudflare-warp:deb:linux",
    resembles: ["warp"],
    os: "linux",
    versions: ["2025.9.558.0"],
    inventory: [{ publisher: "Cloudflare", displayName: "cloudflare-warp" }],
    processes: [
      {
        when: "use",
        image: "/usr/bin/warp-svc",
        commandLine: "/usr/bin/warp-svc",
        parent: "/usr/lib/systemd/systemd",
      },
      { when: "use", image: "/usr/bin/warp-cli", commandLine: "warp-cli connect", parent: SHELLS.linux },
    ],
    sources: ["https://pkg.cloudflareclient.com/"],
  },
  // Warpinator, Linux Mint's LAN file sharing (https://github.com/linuxmint/warpinator).
  {
    id: "warpinator:deb:linux",
    resembles: ["warp"],
    os: "linux",
    versions: ["1.8.8"],
    inventory: [{ publisher: "Linux Mint", displayName: "warpinator" }],
    processes: [
      {
        when: "use",
        image: "/usr/bin/python3.12",
        commandLine: "/usr/bin/python3 /usr/bin/warpinator",
        parent: "/usr/bin/cinnamon",
      },
    ],
    sources: ["https://github.com/linuxmint/warpinator"],
  },
  // OWASP ZAP, formerly "Zed Attack Proxy" (https://www.zaproxy.org/download/).
  {
    id: "zap:installer:windows",
    resembles: ["zed"],
    os: "windows",
    versions: ["2.16.1"],
    inventory: [
      {
        publisher: "ZAP by Checkmarx",
        displayName: "ZAP {version}",
        diskPaths: ["C:\\Program Files\\ZAP\\Zed Attack Proxy\\ZAP.exe"],
        registryPaths: [`${UNINSTALL_HKLM}\\8165-0685-6545-2854`],
      },
    ],
    processes: [
      {
        when: "use",
        image: "C:\\Program Files\\ZAP\\Zed Attack Proxy\\ZAP.exe",
        commandLine: '"C:\\Program Files\\ZAP\\Zed Attack Proxy\\ZAP.exe"',
        parent: "C:\\Windows\\explorer.exe",
      },
    ],
    sources: ["https://www.zaproxy.org/download/"],
    inferred: "the ARP strings and key",
  },
  {
    id: "zap:cask:macos",
    resembles: ["zed"],
    os: "macos",
    versions: ["2.16.1"],
    inventory: [{ publisher: "ZAP", displayName: "ZAP", diskPaths: ["/Applications/ZAP.app"] }],
    processes: [
      {
        when: "use",
        image: "/Applications/ZAP.app/Contents/PlugIns/jre/Contents/Home/bin/java",
        commandLine:
          "/Applications/ZAP.app/Contents/PlugIns/jre/Contents/Home/bin/java -Xmx4g -jar /Applications/ZAP.app/Contents/Java/zap-{version}.jar",
        parent: "/sbin/launchd",
      },
    ],
    sources: ["https://formulae.brew.sh/cask/zap", "https://www.zaproxy.org/download/"],
  },
  // ZFS Event Daemon `zed` (https://openzfs.github.io/openzfs-docs/man/master/8/zed.8.html; Ubuntu package zfs-zed).
  {
    id: "zfs-zed:deb:linux",
    resembles: ["zed"],
    os: "linux",
    versions: ["2.2.2"],
    inventory: [{ publisher: "Ubuntu Developers", displayName: "zfs-zed" }],
    processes: [
      {
        when: "use",
        image: "/usr/sbin/zed",
        commandLine: "/usr/sbin/zed -F",
        parent: "/usr/lib/systemd/systemd",
      },
    ],
    sources: [
      "https://openzfs.github.io/openzfs-docs/man/master/8/zed.8.html",
      "https://packages.ubuntu.com/noble/zfs-zed",
    ],
  },
  // `q`: text-as-data SQL on CSV (https://harelba.github.io/q/, Homebrew formula q) and kdb+/q from KX
  // (https://code.kx.com/q/learn/install/, C:\q\w64\q.exe).
  {
    id: "q-text-as-data:homebrew:macos",
    resembles: ["amazon-q"],
    os: "macos",
    versions: ["3.1.6"],
    processes: [
      {
        when: "use",
        image: "/opt/homebrew/Cellar/q/{version}/bin/q",
        commandLine: 'q -H -d , "SELECT COUNT(*) FROM ./orders.csv"',
        parent: SHELLS.macos,
      },
    ],
    sources: ["https://harelba.github.io/q/", "https://formulae.brew.sh/formula/q"],
  },
  {
    id: "q-text-as-data:deb:linux",
    resembles: ["amazon-q"],
    os: "linux",
    versions: ["3.1.6"],
    processes: [
      {
        when: "use",
        image: "/usr/bin/q",
        commandLine: 'q -H -d , "SELECT c1, COUNT(*) FROM ./access.csv GROUP BY c1"',
        parent: SHELLS.linux,
      },
    ],
    sources: ["https://harelba.github.io/q/#installation"],
  },
  {
    id: "kdb-q:zip:windows",
    resembles: ["amazon-q"],
    os: "windows",
    versions: ["4.1"],
    processes: [
      { when: "use", image: "C:\\q\\w64\\q.exe", commandLine: "q.exe -p 5001", parent: SHELLS.windows },
    ],
    sources: ["https://code.kx.com/q/learn/install/"],
  },
  {
    id: "kdb-q:zip:linux",
    resembles: ["amazon-q"],
    os: "linux",
    versions: ["4.1"],
    processes: [{ when: "use", image: "{home}/q/l64/q", commandLine: "q -p 5001", parent: SHELLS.linux }],
    sources: ["https://code.kx.com/q/learn/install/"],
  },
  // amp, a terminal text editor (https://amp.rs/, Homebrew formula amp, `cargo install amp`).
  {
    id: "amp-editor:homebrew:macos",
    resembles: ["amp"],
    os: "macos",
    versions: ["0.7.1"],
    processes: [
      {
        when: "use",
        image: "/opt/homebrew/Cellar/amp/{version}/bin/amp",
        commandLine: "amp src/main.rs",
        parent: SHELLS.macos,
      },
    ],
    sources: ["https://amp.rs/docs/installation/", "https://formulae.brew.sh/formula/amp"],
  },
  {
    id: "amp-editor:cargo:linux",
    resembles: ["amp"],
    os: "linux",
    versions: ["0.7.1"],
    processes: [
      { when: "use", image: "{home}/.cargo/bin/amp", commandLine: "amp README.md", parent: SHELLS.linux },
    ],
    sources: ["https://amp.rs/docs/installation/"],
  },
  // Mouse cursor software: Stardock CursorFX (https://www.stardock.com/products/cursorfx/), RealWorld
  // Cursor Editor (https://www.rw-designer.com/cursor-maker), Linux cursor themes (packages.ubuntu.com).
  {
    id: "cursorfx:installer:windows",
    resembles: ["cursor"],
    os: "windows",
    versions: ["4.05"],
    inventory: [
      {
        publisher: "Stardock Software, Inc",
        displayName: "CursorFX",
        diskPaths: ["C:\\Program Files (x86)\\Stardock\\CursorFX\\CursorFX.exe"],
        registryPaths: [`${UNINSTALL_HKLM}\\CursorFX`],
      },
    ],
    processes: [
      {
        when: "use",
        image: "C:\\Program Files (x86)\\Stardock\\CursorFX\\CursorFX.exe",
        commandLine: '"C:\\Program Files (x86)\\Stardock\\CursorFX\\CursorFX.exe" /startup',
        company: "Stardock Software, Inc",
        productVersion: "{version}",
        parent: "C:\\Windows\\explorer.exe",
      },
    ],
    sources: ["https://www.stardock.com/products/cursorfx/"],
    inferred: "the ARP strings",
  },
  {
    id: "realworld-cursor-editor:installer:windows",
    resembles: ["cursor"],
    os: "windows",
    versions: ["2013.1"],
    inventory: [
      {
        publisher: "RealWorld Graphics",
        displayName: "RealWorld Cursor Editor",
        registryPaths: [`${UNINSTALL_HKCU}\\RealWorld Cursor Editor`],
      },
    ],
    sources: ["https://www.rw-designer.com/cursor-maker"],
    inferred: "the ARP strings",
  },
  {
    id: "cursor-themes:deb:linux",
    resembles: ["cursor"],
    os: "linux",
    versions: ["0.4.5ubuntu2"],
    inventory: [
      { publisher: "Ubuntu Developers", displayName: "dmz-cursor-theme" },
      { publisher: "Ubuntu Developers", displayName: "breeze-cursor-theme" },
    ],
    sources: [
      "https://packages.ubuntu.com/noble/dmz-cursor-theme",
      "https://packages.ubuntu.com/noble/breeze-cursor-theme",
    ],
  },
  // Claude Code managed settings deployed by IT to every device, installed or not: the policy
  // locations in https://code.claude.com/docs/en/settings#settings-files (written by Intune's agent).
  {
    id: "claude-managed-settings:intune:windows",
    resembles: ["claude-code"],
    os: "windows",
    versions: ["1"],
    files: [
      {
        when: "use",
        path: "C:\\Program Files\\ClaudeCode\\managed-settings.json",
        by: "C:\\Program Files (x86)\\Microsoft Intune Management Extension\\AgentExecutor.exe",
      },
    ],
    sources: [
      "https://code.claude.com/docs/en/settings#settings-files",
      "https://learn.microsoft.com/mem/intune/apps/intune-management-extension",
    ],
  },
  {
    id: "claude-managed-settings:mdm:macos",
    resembles: ["claude-code"],
    os: "macos",
    versions: ["1"],
    files: [
      {
        when: "use",
        path: "/Library/Application Support/ClaudeCode/managed-settings.json",
        by: "/usr/local/jamf/bin/jamf",
      },
    ],
    sources: ["https://code.claude.com/docs/en/settings#settings-files"],
  },
  // `git rebase --continue` / `git merge --continue` (https://git-scm.com/docs/git-rebase).
  ...ALL_OS.map((os): LookAlikeRecord => ({
    id: `git-continue:${os}`,
    resembles: ["continue"],
    os,
    versions: ["2.51.2"],
    processes: [
      {
        when: "use",
        image:
          os === "windows"
            ? "C:\\Program Files\\Git\\mingw64\\bin\\git.exe"
            : os === "macos"
              ? "/usr/bin/git"
              : "/usr/bin/git",
        commandLine: "git rebase --continue",
        parent: SHELLS[os],
      },
      {
        when: "use",
        image: os === "windows" ? "C:\\Program Files\\Git\\mingw64\\bin\\git.exe" : "/usr/bin/git",
        commandLine: "git cherry-pick --continue",
        parent: SHELLS[os],
      },
    ],
    sources: ["https://git-scm.com/docs/git-rebase", "https://git-scm.com/docs/git-cherry-pick"],
  })),
  // AIDE, the file integrity checker run daily from cron (https://aide.github.io/, Ubuntu package aide).
  {
    id: "aide:deb:linux",
    resembles: ["aider"],
    os: "linux",
    versions: ["0.18.6"],
    inventory: [{ publisher: "Ubuntu Developers", displayName: "aide" }],
    processes: [
      {
        when: "use",
        image: "/usr/bin/aide",
        commandLine: "/usr/bin/aide --config /etc/aide/aide.conf --check",
        parent: "/usr/sbin/cron",
      },
    ],
    sources: ["https://aide.github.io/", "https://packages.ubuntu.com/noble/aide"],
  },
  // MacPaw's Gemini 2 duplicate finder: Homebrew cask `gemini` (https://formulae.brew.sh/cask/gemini).
  {
    id: "gemini-duplicate-finder:cask:macos",
    resembles: ["gemini-cli", "gemini-code-assist"],
    os: "macos",
    versions: ["2.9.11"],
    inventory: [
      { publisher: "MacPaw Inc.", displayName: "Gemini 2", diskPaths: ["/Applications/Gemini 2.app"] },
    ],
    processes: [
      {
        when: "use",
        image: "/Applications/Gemini 2.app/Contents/MacOS/Gemini 2",
        commandLine: "/Applications/Gemini 2.app/Contents/MacOS/Gemini 2",
        parent: "/sbin/launchd",
      },
    ],
    sources: ["https://formulae.brew.sh/cask/gemini", "https://macpaw.com/gemini"],
  },
  // Candy Crush Saga, preinstalled on many Windows 10 images (Store package king.com.CandyCrushSaga).
  {
    id: "candy-crush:msix:windows",
    resembles: ["crush"],
    os: "windows",
    versions: ["1.2820.1.0"],
    processes: [
      {
        when: "use",
        image:
          "C:\\Program Files\\WindowsApps\\king.com.CandyCrushSaga_{version}_x86__kgqvnymyfvs32\\CandyCrushSaga.exe",
        commandLine:
          '"C:\\Program Files\\WindowsApps\\king.com.CandyCrushSaga_{version}_x86__kgqvnymyfvs32\\CandyCrushSaga.exe" -ServerName:App.AppXzst44mncqdg84v7sv6p7yznqwssy6f7f.mca',
        parent: "C:\\Windows\\System32\\svchost.exe",
      },
    ],
    sources: ["https://apps.microsoft.com/detail/9nblggh18846"],
    inferred: "the executable's name",
  },
  // DroidCam, a phone webcam client (https://www.dev47apps.com/droidcam/windows/).
  {
    id: "droidcam:installer:windows",
    resembles: ["factory-droid"],
    os: "windows",
    versions: ["6.5.2"],
    inventory: [
      {
        publisher: "DEV47APPS",
        displayName: "DroidCam",
        diskPaths: ["C:\\Program Files (x86)\\DroidCam\\DroidCamApp.exe"],
        registryPaths: [`${UNINSTALL_HKLM}\\DroidCam`],
      },
    ],
    processes: [
      {
        when: "use",
        image: "C:\\Program Files (x86)\\DroidCam\\DroidCamApp.exe",
        commandLine: '"C:\\Program Files (x86)\\DroidCam\\DroidCamApp.exe"',
        parent: "C:\\Windows\\explorer.exe",
      },
    ],
    sources: ["https://www.dev47apps.com/droidcam/windows/"],
    inferred: "the ARP strings",
  },
  // Jan, a local LLM desktop app the catalog does not cover (https://jan.ai/docs/desktop/windows;
  // okta jan_ai_local_llm_detection.yml paths).
  {
    id: "jan:installer:windows",
    resembles: ["lm-studio", "ollama"],
    os: "windows",
    versions: ["0.6.10"],
    inventory: [
      {
        publisher: "Jan",
        displayName: "Jan",
        diskPaths: ["{home}\\AppData\\Local\\Programs\\Jan\\Jan.exe"],
        registryPaths: [`${UNINSTALL_HKCU}\\Jan`],
      },
    ],
    processes: [
      {
        when: "use",
        image: "{home}\\AppData\\Local\\Programs\\Jan\\Jan.exe",
        commandLine: '"{home}\\AppData\\Local\\Programs\\Jan\\Jan.exe"',
        parent: "C:\\Windows\\explorer.exe",
      },
    ],
    files: [
      {
        when: "use",
        path: "{home}\\AppData\\Roaming\\Jan\\data\\settings.json",
        by: "{home}\\AppData\\Local\\Programs\\Jan\\Jan.exe",
      },
    ],
    sources: [
      "https://jan.ai/docs/desktop/windows",
      "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/Windows/jan_ai_local_llm_detection.yml",
    ],
    inferred: "the ARP strings",
  },
  // Extensions and helpers that run in the same IDE host processes as AI extensions.
  // VS Code's git extension runs its askpass helper as Electron-as-Node with a lower-case drive
  // letter (microsoft/vscode extensions/git/src/askpass.ts; environment dump in public code).
  {
    id: "vscode-git-askpass:windows",
    resembles: ["github-copilot"],
    os: "windows",
    versions: ["1.106.2"],
    processes: [
      {
        when: "use",
        image: "{home}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe",
        commandLine:
          '"{home}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe" --ms-enable-electron-run-as-node "{homeUri}\\AppData\\Local\\Programs\\Microsoft VS Code\\resources\\app\\extensions\\git\\dist\\askpass-main.js"',
        parent: "C:\\Program Files\\Git\\mingw64\\bin\\git.exe",
      },
    ],
    sources: ["https://github.com/microsoft/vscode/blob/main/extensions/git/src/askpass.ts"],
  },
  ...hostFork(
    "pylance",
    ["github-copilot"],
    "ms-python.vscode-pylance-2025.10.2",
    "dist/server.bundle.js",
    "--cancellationReceive=file:3f9a2b1c7d --node-ipc --clientProcessId={pid}",
    ["https://marketplace.visualstudio.com/items?itemName=ms-python.vscode-pylance"],
  ),
  ...hostFork(
    "github-pull-requests",
    ["github-copilot"],
    "github.vscode-pull-request-github-0.120.0",
    "dist/extension.js",
    "",
    ["https://marketplace.visualstudio.com/items?itemName=GitHub.vscode-pull-request-github"],
  ),
  ...hostFork(
    "github-copilot-for-azure",
    ["github-copilot"],
    "ms-azuretools.vscode-azure-github-copilot-1.0.84",
    "dist/extension.js",
    "",
    ["https://marketplace.visualstudio.com/items?itemName=ms-azuretools.vscode-azure-github-copilot"],
  ),
  ...hostFork(
    "aws-toolkit",
    ["amazon-q"],
    "amazonwebservices.aws-toolkit-vscode-3.80.0",
    "dist/src/extensionNode.js",
    "",
    [
      "https://marketplace.visualstudio.com/items?itemName=AmazonWebServices.aws-toolkit-vscode",
      "https://docs.aws.amazon.com/toolkit-for-vscode/latest/userguide/welcome.html",
    ],
  ),
  ...hostFork(
    "genie-chatgpt",
    ["chatgpt-desktop", "codex"],
    "genieai.chatgpt-vscode-0.0.13",
    "dist/extension.js",
    "",
    ["https://marketplace.visualstudio.com/items?itemName=genieai.chatgpt-vscode"],
  ),
  ...hostFork("codegpt", ["codex"], "danielsanmedium.dscodegpt-3.14.72", "dist/extension.js", "", [
    "https://marketplace.visualstudio.com/items?itemName=DanielSanMedium.dscodegpt",
  ]),
  // AI browser extensions outside the catalog (MahdiHedhli/shadow-ai-detection-framework browser_extensions.csv).
  ...ALL_OS.flatMap((os): LookAlikeRecord[] => [
    {
      id: `merlin:chrome:${os}`,
      resembles: ["chatgpt-desktop"],
      os,
      versions: ["8.3.0"],
      browserExtension: {
        extensionId: "camppjleccjaphfdbohjdohecfnoikec",
        name: "Merlin AI",
        description: "Merlin: ChatGPT, Claude & Gemini in one",
        vendor: "Foyer",
        risk: "High",
      },
      sources: ["https://chromewebstore.google.com/detail/camppjleccjaphfdbohjdohecfnoikec"],
    },
    {
      id: `sider:chrome:${os}`,
      resembles: ["claude-desktop", "chatgpt-desktop"],
      os,
      versions: ["5.1.0"],
      browserExtension: {
        extensionId: "difoiogjjojoaoomphldepapgpbgkhkb",
        name: "Sider: Chat with all AI",
        description: "Sider: ChatGPT, Claude, Gemini sidebar",
        vendor: "VidLine",
        risk: "High",
      },
      sources: ["https://chromewebstore.google.com/detail/difoiogjjojoaoomphldepapgpbgkhkb"],
    },
  ]),
  // AgentsInfo entries for agents outside the catalog (Learn's list of discovered agents).
  ...(["windows", "macos"] as const).flatMap((os): LookAlikeRecord[] =>
    [
      ["Perplexity", "Perplexity AI", "Perplexity.exe"],
      ["Poe", "Quora", "Poe.exe"],
      ["Hermes Agent", "Nous Research", "hermes"],
    ].map(([name, vendor, process]) => ({
      id: `agents-info:${name.toLowerCase().replace(/ /g, "-")}:${os}`,
      resembles: [],
      os,
      versions: ["1.0.0"],
      agentsInfo: {
        name,
        vendor,
        relatedProcess: os === "windows" ? process : process.replace(/\.exe$/, ""),
      },
      sources: [AGENTS_INFO_SOURCE],
    })),
  ),
];
