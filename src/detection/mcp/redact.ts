// Secrets out of MCP launch arguments and URLs before anything is kept: MCP servers are commonly given
// their credentials on the command line (`--api-key=sk_live_…`, `-e GITHUB_TOKEN=ghp_…`, a header, a
// token in a URL's query or user info). What is kept says a secret was there, never what it was.

export const REDACTED = "[REDACTED]";

/** Option, variable, header and query names that carry credentials. */
const SECRET_NAME =
  /(token|secret|passw(or)?d|passwd|pwd|api[-_.]?key|apikey|access[-_.]?key|auth|credential|private[-_.]?key|session|cookie|^sig$|signature|^pat$|^key$|^code$|^sas$)/i;

/** Credential shapes recognizable without their name (GitHub, OpenAI/Anthropic, Stripe, Slack, AWS, Google, GitLab, npm, Hugging Face, JWTs). */
const TOKEN_SHAPES = [
  /\b(gh[pousr]_[A-Za-z0-9]{20,})/g,
  /\b(github_pat_[A-Za-z0-9_]{20,})/g,
  /\b(sk-[A-Za-z0-9_-]{16,})/g,
  /\b((?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,})/g,
  /\b(xox[abposr]-[A-Za-z0-9-]{10,})/g,
  /\b((?:AKIA|ASIA)[0-9A-Z]{16})\b/g,
  /\b(AIza[0-9A-Za-z_-]{30,})/g,
  /\b(glpat-[A-Za-z0-9_-]{16,})/g,
  /\b(npm_[A-Za-z0-9]{30,})/g,
  /\b(hf_[A-Za-z0-9]{30,})/g,
  /\b(eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/g,
];

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name.replace(/^-+/, ""));
}

/** Known credential shapes anywhere in `text`. */
function redactShapes(text: string): string {
  return TOKEN_SHAPES.reduce((out, shape) => out.replace(shape, REDACTED), text);
}

/**
 * A URL without its user info and with secret-named query parameters emptied (`?token=`, `api_key=`,
 * `sig=`); text that is not a URL is returned with only token shapes redacted.
 */
export function redactUrl(text: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*@)?([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(text);
  if (!match) return redactShapes(text);
  const [, scheme, userInfo, rest, query, fragment] = match;
  const params = query
    ? "?" +
      query
        .slice(1)
        .split("&")
        .map((pair) => {
          const eq = pair.indexOf("=");
          return eq > 0 && isSecretName(decodeSafely(pair.slice(0, eq)))
            ? `${pair.slice(0, eq)}=${REDACTED}`
            : pair;
        })
        .join("&")
    : "";
  return redactShapes(`${scheme}${userInfo ? `${REDACTED}@` : ""}${rest}${params}${fragment ?? ""}`);
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `NAME=value` with a secret-like NAME → `NAME=[REDACTED]`; URLs and token shapes in any value. */
function redactToken(token: string): string {
  const assignment = /^(-{0,2}[A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/s.exec(token);
  if (assignment) {
    const [, name, value] = assignment;
    return `${name}=${isSecretName(name) ? REDACTED : redactValue(value)}`;
  }
  return redactValue(token);
}

function redactValue(value: string): string {
  // A header given whole ("Authorization: Bearer …", "X-Api-Key: …").
  const header = /^([A-Za-z][A-Za-z0-9-]*)\s*:\s*(.+)$/s.exec(value);
  if (header && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && isSecretName(header[1]))
    return `${header[1]}: ${REDACTED}`;
  if (/^(bearer|basic|token)\s+\S+/i.test(value)) return `${value.split(/\s+/)[0]} ${REDACTED}`;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? redactUrl(value) : redactShapes(value);
}

/**
 * A command line's arguments with every credential replaced: values of secret-named options
 * (`--api-key X`, `--token=X`), secret-named variables (`-e GITHUB_TOKEN=…`, `API_KEY=…`),
 * authorization headers, URL user info and secret query parameters, and known token shapes.
 */
export function redactArguments(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const next = args[i + 1];
    out.push(redactToken(arg));
    // `--api-key VALUE`: the value is the next argument unless that is an option itself.
    if (
      /^--?[A-Za-z]/.test(arg) &&
      !arg.includes("=") &&
      isSecretName(arg) &&
      next !== undefined &&
      !next.startsWith("-")
    ) {
      out.push(REDACTED);
      i++;
    } else if (/^(bearer|basic)$/i.test(arg) && next !== undefined) {
      out.push(REDACTED);
      i++;
    }
  }
  return out;
}
