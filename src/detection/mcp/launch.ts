// Recognizing an MCP server from the command line an agent started it with (docs/mcp-servers.md): the
// launcher (npx, bunx, pnpm dlx, npm exec, uvx, pipx run, python -m, docker/podman run, node <script>,
// a binary), the package (npm, PyPI, container image, executable) with its version and whether that is
// pinned, and for bridges (mcp-remote, supergateway, mcp-proxy) the remote URL they connect to.
// Arguments are redacted (redact.ts) before anything is read from them, so no result carries a secret.
import {
  MCP_BRIDGES,
  MCP_SERVERS,
  type McpCapability,
  type McpServerDefinition,
  type McpTransport,
} from "./catalog";
import { redactArguments, redactUrl } from "./redact";

export type McpLauncher =
  | "NPX"
  | "BUNX"
  | "PNPM_DLX"
  | "YARN_DLX"
  | "NPM_EXEC"
  | "UVX"
  | "PIPX"
  | "PYTHON_MODULE"
  | "DOCKER"
  | "PODMAN"
  | "NODE"
  | "BINARY"
  | "REMOTE";

export type McpPackageType = "NPM" | "PYPI" | "CONTAINER" | "BINARY" | "SCRIPT" | "REMOTE";

/** One server as evidence shows it: what the catalog knows, or what the command line says. */
export interface McpServerRef {
  /** The catalog key, else `<type>:<package>` (lowercase), or `remote:<host>` for an unknown endpoint. */
  key: string;
  known: boolean;
  name: string;
  publisher: string | null;
  transport: McpTransport;
  capabilities: McpCapability[];
  launcher: McpLauncher;
  packageType: McpPackageType;
  /** Package, image, executable or script as launched; the endpoint's host and path for remote servers. */
  packageName: string;
}

export interface McpLaunch extends McpServerRef {
  version: string | null;
  /** An exact version or digest; null where pinning does not apply (a binary, a script, an endpoint). */
  pinned: boolean | null;
  /** The bridge's target (redacted), for remote servers reached through one. */
  remoteUrl: string | null;
  /** The arguments after the package (redacted), as launched. */
  arguments: string;
}

const byNpm = new Map<string, McpServerDefinition>();
const byPypi = new Map<string, McpServerDefinition>();
const byImage = new Map<string, McpServerDefinition>();
const byBinary = new Map<string, McpServerDefinition>();
for (const server of MCP_SERVERS) {
  for (const name of server.npm ?? []) byNpm.set(name, server);
  for (const name of server.pypi ?? []) byPypi.set(normalizePypi(name), server);
  for (const image of server.images ?? []) byImage.set(image, server);
  for (const binary of server.binaries ?? []) byBinary.set(binary, server);
}
const BRIDGE_NPM = new Set(MCP_BRIDGES.npm);
const BRIDGE_PYPI = new Set(MCP_BRIDGES.pypi.map(normalizePypi));

/** PEP 503 names: `mcp_server_fetch`, `MCP.Server-Fetch` → `mcp-server-fetch`. */
function normalizePypi(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

/** Splits a command line into arguments, honouring double and single quotes (original case kept). */
export function splitCommandLine(commandLine: string): string[] {
  const args: string[] = [];
  for (const match of commandLine.matchAll(
    /(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|((?:[^\s"']|"(?:[^"\\]|\\.)*")+))/g,
  )) {
    const value = match[1] ?? match[2] ?? match[3];
    args.push(match[3] !== undefined ? value.replace(/"/g, "") : value);
  }
  return args;
}

function program(arg: string): string {
  return (arg.split(/[\\/]/).pop() ?? "").toLowerCase().replace(/\.(exe|cmd|bat|ps1)$/, "");
}

/** Shells that run the rest of their command line (`cmd /c npx …`, `sh -c "uvx …"`). */
function unwrapShell(args: string[]): string[] {
  const name = program(args[0] ?? "");
  if (name === "cmd") {
    const at = args.findIndex((a) => /^\/[ck]$/i.test(a));
    return at > 0 ? unwrapShell(flatten(args.slice(at + 1))) : args;
  }
  if (["sh", "bash", "zsh", "dash"].includes(name)) {
    const at = args.findIndex((a) => /^-[a-z]*c$/.test(a));
    return at > 0 ? unwrapShell(flatten(args.slice(at + 1))) : args;
  }
  return args;
}

/** A shell's single quoted command string, split again. */
function flatten(args: string[]): string[] {
  return args.length === 1 ? splitCommandLine(args[0]) : args;
}

/** Runner options naming the package apart from the command run, or taking a value. */
const PACKAGE_OPTIONS = new Set(["-p", "--package", "--from", "--spec"]);
const VALUE_OPTIONS = new Set([
  "-c",
  "--call",
  "--python",
  "--with",
  "--index-url",
  "--pip-args",
  "--registry",
  "--cache",
]);
/** `docker run` options that take a value (the image is the first argument that is not one). */
const DOCKER_VALUE_OPTIONS = new Set([
  "-e",
  "--env",
  "--env-file",
  "-v",
  "--volume",
  "--mount",
  "--name",
  "-p",
  "--publish",
  "--network",
  "--net",
  "-w",
  "--workdir",
  "-u",
  "--user",
  "--entrypoint",
  "-l",
  "--label",
  "--platform",
  "--pull",
  "-h",
  "--hostname",
  "--add-host",
  "--cpus",
  "-m",
  "--memory",
  "--security-opt",
  "--cap-add",
  "--cap-drop",
  "--device",
  "--dns",
]);

interface Spec {
  launcher: McpLauncher;
  packageType: McpPackageType;
  /** The package spec as written (`@scope/pkg@1.2.3`, `pkg==1.0`, `image:tag`), an executable or script path. */
  spec: string;
  /** Where the package's own arguments start. */
  rest: number;
}

/** The runner's package argument, skipping its options. */
function runnerSpec(
  args: string[],
  from: number,
  launcher: McpLauncher,
  packageType: McpPackageType,
): Spec | undefined {
  let named: string | undefined;
  for (let i = from; i < args.length; i++) {
    const [option, inline] = args[i].split(/=(.*)/s);
    if (args[i] === "--") continue;
    if (PACKAGE_OPTIONS.has(option)) named = inline ?? args[++i];
    else if (VALUE_OPTIONS.has(option)) i += inline === undefined ? 1 : 0;
    else if (!args[i].startsWith("-")) return { launcher, packageType, spec: named ?? args[i], rest: i + 1 };
  }
  return undefined;
}

function containerSpec(args: string[], from: number, launcher: McpLauncher): Spec | undefined {
  for (let i = from; i < args.length; i++) {
    const [option, inline] = args[i].split(/=(.*)/s);
    if (DOCKER_VALUE_OPTIONS.has(option)) i += inline === undefined ? 1 : 0;
    else if (!args[i].startsWith("-"))
      return { launcher, packageType: "CONTAINER", spec: args[i], rest: i + 1 };
  }
  return undefined;
}

/** What the (unwrapped) command line launches. */
function launchSpec(args: string[]): Spec | undefined {
  const name = program(args[0] ?? "");
  const sub = args[1]?.toLowerCase();
  if (name === "npx" || name === "pnpx") return runnerSpec(args, 1, "NPX", "NPM");
  if (name === "bunx") return runnerSpec(args, 1, "BUNX", "NPM");
  if ((name === "npm" && (sub === "exec" || sub === "x")) || (name === "bun" && sub === "x"))
    return runnerSpec(args, 2, "NPM_EXEC", "NPM");
  if (name === "pnpm" && sub === "dlx") return runnerSpec(args, 2, "PNPM_DLX", "NPM");
  if (name === "yarn" && sub === "dlx") return runnerSpec(args, 2, "YARN_DLX", "NPM");
  if (name === "uvx") return runnerSpec(args, 1, "UVX", "PYPI");
  if (name === "uv" && sub === "tool" && args[2]?.toLowerCase() === "run")
    return runnerSpec(args, 3, "UVX", "PYPI");
  if (name === "pipx" && sub === "run") return runnerSpec(args, 2, "PIPX", "PYPI");
  if ((name === "docker" || name === "podman") && sub === "run")
    return containerSpec(args, 2, name === "docker" ? "DOCKER" : "PODMAN");
  if (/^python(\d(\.\d+)?)?w?$|^py$/.test(name)) {
    const at = args.indexOf("-m");
    return at > 0 && args[at + 1]
      ? { launcher: "PYTHON_MODULE", packageType: "PYPI", spec: args[at + 1], rest: at + 2 }
      : undefined;
  }
  if (name === "node" || name === "nodejs" || name === "bun" || name === "deno") {
    const at = args.findIndex((a, i) => i > 0 && !a.startsWith("-") && a !== "run");
    if (at < 0) return undefined;
    // npm's Windows shims run `node …/npm/bin/npx-cli.js <args>`.
    if (program(args[at]).replace(/\.js$/, "") === "npx-cli") return runnerSpec(args, at + 1, "NPX", "NPM");
    return { launcher: "NODE", packageType: "SCRIPT", spec: args[at], rest: at + 1 };
  }
  return args[0] ? { launcher: "BINARY", packageType: "BINARY", spec: args[0], rest: 1 } : undefined;
}

/** `@scope/name@1.2.3` → name and version ("latest" and ranges are versions, not pins). */
function npmSpec(spec: string): { name: string; version: string | null } {
  const at = spec.indexOf("@", 1);
  return at < 0
    ? { name: spec, version: null }
    : { name: spec.slice(0, at), version: spec.slice(at + 1) || null };
}

function pypiSpec(spec: string): { name: string; version: string | null } {
  const split = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?(==|@|>=|<=|~=|>|<)?(.*)$/.exec(spec);
  if (!split) return { name: spec, version: null };
  return { name: split[1], version: split[2] && split[3] ? split[3] : null };
}

/** `ghcr.io/github/github-mcp-server:v0.20.1@sha256:…` → image, tag, digest (Docker Hub's `docker.io/` dropped). */
function imageSpec(spec: string): { name: string; version: string | null; digest: boolean } {
  const [ref, digest] = spec.split("@");
  const slash = ref.lastIndexOf("/");
  const colon = ref.lastIndexOf(":");
  const tagged = colon > slash;
  const name = (tagged ? ref.slice(0, colon) : ref).toLowerCase().replace(/^(docker\.io\/)(library\/)?/, "");
  return { name, version: tagged ? ref.slice(colon + 1) : digest ? `@${digest}` : null, digest: !!digest };
}

const EXACT_VERSION = /^v?\d+\.\d+(\.\d+)?([-+.][0-9A-Za-z.-]+)?$/;

/** The npm package a script path lives in (`…/node_modules/@scope/name/dist/index.js`). */
function packageOfScript(path: string): string | undefined {
  const parts = path.replaceAll("\\", "/").split("/");
  const at = parts.lastIndexOf("node_modules");
  if (at < 0 || !parts[at + 1]) return undefined;
  return parts[at + 1].startsWith("@") ? `${parts[at + 1]}/${parts[at + 2] ?? ""}` : parts[at + 1];
}

/** Whether an unknown package still names itself an MCP server (`mcp-server-x`, `x-mcp`, `@org/mcp`). */
function namesMcp(name: string): boolean {
  return /mcp|modelcontextprotocol/i.test(name);
}

function known(
  server: McpServerDefinition,
  transport: McpTransport,
): Pick<McpServerRef, "key" | "known" | "name" | "publisher" | "transport" | "capabilities"> {
  return {
    key: server.key,
    known: true,
    name: server.name,
    publisher: server.publisher,
    transport,
    capabilities: [...server.capabilities],
  };
}

function unknown(
  key: string,
  name: string,
  transport: McpTransport,
): Pick<McpServerRef, "key" | "known" | "name" | "publisher" | "transport" | "capabilities"> {
  return { key: key.toLowerCase(), known: false, name, publisher: null, transport, capabilities: [] };
}

/** The catalog's remote server at a URL or host, or an unknown remote server keyed by its host. */
export function remoteServer(urlOrHost: string): McpServerRef | undefined {
  const parsed = parseHostAndPath(urlOrHost);
  if (!parsed) return undefined;
  const { host, path } = parsed;
  for (const server of MCP_SERVERS)
    for (const endpoint of server.remote ?? [])
      if (endpoint.host === host && (!endpoint.path || path.startsWith(endpoint.path)))
        return {
          ...known(server, "HTTP"),
          launcher: "REMOTE",
          packageType: "REMOTE",
          packageName: `${host}${endpoint.path ?? ""}`,
        };
  return undefined;
}

function parseHostAndPath(urlOrHost: string): { host: string; path: string } | undefined {
  const match = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^/?#@]*@)?([^/:?#]+)(?::\d+)?([^?#]*)/i.exec(
    urlOrHost.trim(),
  );
  if (!match || !match[1].includes(".")) return undefined;
  return { host: match[1].toLowerCase().replace(/\.$/, ""), path: match[2] || "/" };
}

/**
 * The MCP server a command line launches, or undefined when it launches none: a catalog package,
 * image or executable, a bridge to a remote server, or a package, image or program whose name says
 * MCP. Everything returned is redacted.
 */
export function parseMcpLaunch(commandLine: string): McpLaunch | undefined {
  const args = unwrapShell(redactArguments(splitCommandLine(commandLine)));
  const spec = launchSpec(args);
  if (!spec) return undefined;
  const rest = args.slice(spec.rest);
  const argumentsText = rest.join(" ");
  const base = {
    launcher: spec.launcher,
    packageType: spec.packageType,
    arguments: argumentsText,
    remoteUrl: null,
  };

  if (spec.packageType === "NPM" || spec.packageType === "SCRIPT") {
    const scriptPackage = spec.packageType === "SCRIPT" ? packageOfScript(spec.spec) : undefined;
    const { name, version } =
      spec.packageType === "NPM" ? npmSpec(spec.spec) : { name: scriptPackage ?? spec.spec, version: null };
    const lower = name.toLowerCase();
    const pinned = spec.packageType === "NPM" ? !!version && EXACT_VERSION.test(version) : null;
    if (BRIDGE_NPM.has(lower)) return bridged(rest, { ...base, packageName: lower, version, pinned });
    const server = byNpm.get(lower);
    if (server)
      return {
        ...known(server, "STDIO"),
        ...base,
        packageType: scriptPackage ? "NPM" : spec.packageType,
        packageName: lower,
        version,
        pinned,
      };
    if (!namesMcp(name)) return undefined;
    const type = spec.packageType === "NPM" || scriptPackage ? "npm" : "script";
    return {
      ...unknown(`${type}:${scriptPackage ? scriptPackage : name}`, scriptPackage ?? name, "STDIO"),
      ...base,
      packageType: type === "npm" ? "NPM" : "SCRIPT",
      packageName: scriptPackage ?? name,
      version,
      pinned,
    };
  }
  if (spec.packageType === "PYPI") {
    const { name, version } =
      spec.launcher === "PYTHON_MODULE" ? { name: spec.spec, version: null } : pypiSpec(spec.spec);
    const normalized = normalizePypi(name);
    const pinned = spec.launcher === "PYTHON_MODULE" ? null : !!version && EXACT_VERSION.test(version);
    if (BRIDGE_PYPI.has(normalized))
      return bridged(rest, { ...base, packageName: normalized, version, pinned });
    const server = byPypi.get(normalized);
    if (server) return { ...known(server, "STDIO"), ...base, packageName: normalized, version, pinned };
    if (!namesMcp(name)) return undefined;
    return {
      ...unknown(`pypi:${normalized}`, normalized, "STDIO"),
      ...base,
      packageName: normalized,
      version,
      pinned,
    };
  }
  if (spec.packageType === "CONTAINER") {
    const { name, version, digest } = imageSpec(spec.spec);
    const pinned = digest || (!!version && version !== "latest");
    const server = byImage.get(name);
    if (server) return { ...known(server, "STDIO"), ...base, packageName: name, version, pinned };
    if (!namesMcp(name)) return undefined;
    return { ...unknown(`container:${name}`, name, "STDIO"), ...base, packageName: name, version, pinned };
  }
  // An executable: a catalog binary, or a program named for MCP.
  const name = program(spec.spec);
  const server = byBinary.get(name);
  if (server) return { ...known(server, "STDIO"), ...base, packageName: name, version: null, pinned: null };
  if (!namesMcp(name)) return undefined;
  return {
    ...unknown(`binary:${name}`, name, "STDIO"),
    ...base,
    packageName: name,
    version: null,
    pinned: null,
  };
}

/** A bridge's launch: the server is the remote endpoint named by the first URL in its arguments. */
function bridged(
  rest: string[],
  launch: Pick<McpLaunch, "launcher" | "packageType" | "arguments" | "packageName" | "version" | "pinned">,
): McpLaunch | undefined {
  const url = rest.find((a) => /^https?:\/\//i.test(a));
  if (!url) return undefined;
  const target = redactUrl(url);
  const remote = remoteServer(target);
  const host = parseHostAndPath(target)?.host ?? target;
  const server = remote ?? {
    ...unknown(`remote:${host}`, host, "HTTP"),
    launcher: "REMOTE" as const,
    packageType: "REMOTE" as const,
    packageName: host,
  };
  // The server is the endpoint; the bridge is how it was launched.
  return {
    ...server,
    launcher: launch.launcher,
    packageType: "REMOTE",
    packageName: server.packageName,
    version: null,
    pinned: null,
    remoteUrl: target,
    arguments: launch.arguments,
  };
}
