/**
 * Where webhooks may deliver (docs/webhooks.md): https only unless the operator allows http (development,
 * demo), and never to a private, loopback, link-local or otherwise non-public address unless the operator
 * allows them. Checked when a webhook is saved and again at every connection: the connection's own DNS
 * lookup is the checked one, so a name that resolves elsewhere between the two (DNS rebinding) is refused.
 */
import { promises as dns } from "node:dns";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

export interface DeliveryPolicy {
  /** WEBHOOK_ALLOW_HTTP: plain http receivers (development and demo). */
  allowHttp: boolean;
  /** WEBHOOK_ALLOW_PRIVATE_ADDRESSES: receivers on private, loopback or link-local addresses. */
  allowPrivateAddresses: boolean;
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** A DNS resolver returning every address of a name (injected in tests). */
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolve: Resolve = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** A receiver address the policy refuses. */
export class RefusedAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefusedAddressError";
  }
}

/**
 * Only globally routable unicast addresses (ipaddr.js's "unicast" range, IPv4-mapped IPv6 judged as the
 * IPv4 it carries): private, loopback, link-local, CGNAT, unique-local, multicast and reserved are not.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

/** The hostname of a URL as an address when it is an IP literal (IPv6 without its brackets). */
function literalAddress(hostname: string): string | null {
  const bare = hostname.replace(/^\[(.*)\]$/, "$1");
  return ipaddr.isValid(bare) ? bare : null;
}

/** Why the URL's form is refused (scheme, credentials, an IP literal), or null when its form is acceptable. */
export function urlRefusal(url: string, policy: DeliveryPolicy): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "Not a valid URL";
  }
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && policy.allowHttp))
    return policy.allowHttp ? "Only http and https URLs are allowed" : "Only https URLs are allowed";
  if (parsed.username || parsed.password) return "The URL may not carry credentials";
  const literal = literalAddress(parsed.hostname);
  if (literal && !policy.allowPrivateAddresses && !isPublicAddress(literal))
    return `${literal} is not a public address`;
  return null;
}

/** Why delivering to the URL is refused, resolving its name now, or null when it may be delivered to. */
export async function addressRefusal(
  url: string,
  policy: DeliveryPolicy,
  resolve: Resolve = systemResolve,
): Promise<string | null> {
  const refusal = urlRefusal(url, policy);
  if (refusal) return refusal;
  const { hostname } = new URL(url);
  if (policy.allowPrivateAddresses || literalAddress(hostname)) return null;
  const addresses = await resolve(hostname).catch(() => null);
  if (!addresses?.length) return `${hostname} does not resolve`;
  const inner = addresses.find((a) => !isPublicAddress(a.address));
  return inner ? `${hostname} resolves to ${inner.address}, which is not a public address` : null;
}

/**
 * A `lookup` for net/tls connections that resolves through `resolve` and refuses a name with any
 * non-public address (unless the policy allows them): the address connected to is the address checked.
 */
export function guardedLookup(policy: DeliveryPolicy, resolve: Resolve = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const inner = policy.allowPrivateAddresses
          ? undefined
          : addresses.find((a) => !isPublicAddress(a.address));
        if (inner) {
          const error = new RefusedAddressError(
            `${hostname} resolves to ${inner.address}, which is not a public address`,
          );
          return callback(error, "", 0);
        }
        if (!addresses.length) return callback(new Error(`${hostname} does not resolve`), "", 0);
        if (options.all) return (callback as AllCallback)(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}

type AllCallback = (error: NodeJS.ErrnoException | null, addresses: ResolvedAddress[]) => void;
