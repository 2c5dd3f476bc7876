/**
 * Relay conventions (docs/architecture.md, "The API"): opaque global IDs, the Node interface,
 * connections with keyset cursors. Page size defaults to 50 and may not exceed 100 — larger is a
 * validation error, never clamped.
 */
import { ArgsType, Field, ID, Int, InterfaceType, ObjectType, type ClassType } from "type-graphql";
import { DomainError, ErrorCode } from "../model/errors";
import type { PageRequest, Rows } from "../store";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

/** Global IDs encode the type, the owning tenant (for tenant-owned rows) and the row key. */
export interface GlobalId {
  type: string;
  tenantId: string | null;
  key: string;
}

/**
 * Node types with a compact binary form: a type byte, then the tenant's and the row's UUIDs as 16 bytes
 * each (44 characters instead of ~100; IDs are a large share of every list response). Codes are stable:
 * append, never reorder.
 */
const TYPE_CODES = [
  "Tenant",
  "Device",
  "User",
  "Installation",
  "Agent",
  "SyncRun",
  "InstallationEvent",
  "ApiKey",
  "McpServer",
  "Webhook",
  "WebhookDelivery",
];
/** Value of each lowercase hex digit by char code, -1 for anything else. */
const HEX_VALUE = new Int8Array(128).fill(-1);
for (const [i, c] of [..."0123456789abcdef"].entries()) HEX_VALUE[c.charCodeAt(0)] = i;

/**
 * Writes a lowercase UUID's 16 bytes into `into` at `offset`; false when `uuid` is not one. By hand:
 * every list response encodes an ID per row, and a regex test plus hex decoding cost several times this.
 */
function writeUuid(uuid: string, into: Buffer, offset: number): boolean {
  if (uuid.length !== 36) return false;
  let at = offset;
  for (let i = 0; i < 36; i += 2) {
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (uuid.charCodeAt(i) !== 45) return false; // "-"
      i--;
      continue;
    }
    const high = HEX_VALUE[uuid.charCodeAt(i)] ?? -1;
    const low = HEX_VALUE[uuid.charCodeAt(i + 1)] ?? -1;
    if (high < 0 || low < 0) return false;
    into[at++] = (high << 4) | low;
  }
  return true;
}

const uuidText = (bytes: Buffer) => {
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export function toGlobalId(type: string, tenantId: string | null, key: string): string {
  const code = TYPE_CODES.indexOf(type) + 1;
  if (code > 0) {
    const bytes = Buffer.allocUnsafe(tenantId === null ? 17 : 33);
    bytes[0] = code;
    const keyAt = tenantId === null ? 1 : 17;
    if ((tenantId === null || writeUuid(tenantId, bytes, 1)) && writeUuid(key, bytes, keyAt))
      return bytes.toString("base64url");
  }
  return Buffer.from(tenantId ? `${type}:${tenantId}:${key}` : `${type}::${key}`, "utf8").toString(
    "base64url",
  );
}

export function fromGlobalId(id: string): GlobalId | null {
  const bytes = Buffer.from(id, "base64url");
  if (bytes.toString("base64url") !== id) return null; // not canonical: refuse rather than guess
  const type = TYPE_CODES[bytes[0] - 1];
  if (type && (bytes.length === 17 || bytes.length === 33)) {
    const tenantId = bytes.length === 33 ? uuidText(bytes.subarray(1, 17)) : null;
    return { type, tenantId, key: uuidText(bytes.subarray(bytes.length - 16)) };
  }
  const match = /^([A-Za-z]+):([^:]*):(.+)$/s.exec(bytes.toString("utf8"));
  if (!match) return null;
  const [, named, tenantId, key] = match;
  if (tenantId !== "" && !UUID.test(tenantId)) return null;
  // Every row of a node type is keyed by a UUID: anything else names no row (and must not reach SQL).
  const nodeType = TYPE_CODES.includes(named);
  if (nodeType && !UUID.test(key)) return null;
  return {
    type: named,
    tenantId: tenantId === "" ? null : tenantId.toLowerCase(),
    key: nodeType ? key.toLowerCase() : key,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@InterfaceType({ description: "An object with a globally unique, opaque ID that `node(id:)` resolves." })
export abstract class Node {
  @Field(() => ID, { description: "Opaque global ID; do not decode it." })
  id!: string;
}

@ObjectType({ description: "Where a page of a connection starts and ends, and whether more pages exist." })
export class PageInfo {
  @Field({ description: "True when a page follows this one (forward pagination)." })
  hasNextPage!: boolean;

  @Field({ description: "True when a page precedes this one (backward pagination)." })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      "Cursor of the first edge of the page; on an empty page read backwards with `before`, that cursor.",
  })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Cursor of the last edge of the page; on an empty page read with `after` (past the end), that cursor, so a consumer can keep polling with it. Null only for an empty list read from its start.",
  })
  endCursor!: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Returns the first n items (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).`,
  })
  first?: number;

  @Field(() => String, { nullable: true, description: "Returns items after this cursor." })
  after?: string;

  @Field(() => Int, { nullable: true, description: `Returns the last n items (at most ${MAX_PAGE_SIZE}).` })
  last?: number;

  @Field(() => String, { nullable: true, description: "Returns items before this cursor." })
  before?: string;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  /** Counted only when the query selects it: counting can cost more than the page. */
  totalCount: PromiseLike<number>;
}

/** Declares `<Name>Edge` and `<Name>Connection` object types for a node type. */
export function connectionType<T extends object>(name: string, item: ClassType<T>) {
  @ObjectType(`${name}Edge`, { description: `An edge in a ${name} connection.` })
  class EdgeType {
    @Field({ description: "Opaque cursor of this edge, for `after`/`before`." })
    cursor!: string;

    @Field(() => item, { description: `The ${name} at this edge.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} objects.` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: "The edges of this page." })
    edges!: EdgeType[];

    @Field(() => [item], { description: "The nodes of this page (a shortcut for edges.node)." })
    nodes!: T[];

    @Field(() => PageInfo, { description: "Pagination information." })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: "Total number of items matching the filter, across all pages." })
    totalCount!: number;
  }
  return ConnectionType;
}

export function pageRequest(args: ConnectionArgs): PageRequest {
  for (const [name, size] of [
    ["first", args.first],
    ["last", args.last],
  ] as const) {
    if (size != null && (size < 0 || size > MAX_PAGE_SIZE)) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `\`${name}\` must be between 0 and ${MAX_PAGE_SIZE}`);
    }
  }
  if (args.first != null && args.last != null) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, "Pass either `first` or `last`, not both");
  }
  if (args.after && args.before) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, "Pass either `after` or `before`, not both");
  }
  const backward = args.last != null || (args.before != null && args.first == null);
  return {
    direction: backward ? "backward" : "forward",
    limit: (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE,
    cursor: decodeCursor(backward ? args.before : args.after),
  };
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

function decodeCursor(cursor: string | undefined): unknown[] | null {
  if (!cursor) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(values) && values.length > 0) return values;
  } catch {
    // fall through to the error below
  }
  throw new DomainError(ErrorCode.BAD_USER_INPUT, "Invalid cursor");
}

/**
 * Builds a connection from a page of rows fetched with `limit + 1` in the walk's direction (the extra
 * row says whether another page exists); the page reads each row's cursor. Rows come back in display
 * order.
 */
export function toConnection<R, T>(
  { rows, cursor: cursorOf }: Rows<R>,
  request: PageRequest,
  toNode: (row: R) => T,
  totalCount: () => Promise<number>,
): Connection<T> {
  const more = rows.length > request.limit;
  const page = rows.slice(0, request.limit);
  if (request.direction === "backward") page.reverse();
  const nodes = page.map(toNode);
  const cursor = (i: number) => encodeCursor(cursorOf(page[i]));
  // Cursors cost a JSON encoding each: edges are built only when a query selects them.
  let edges: Edge<T>[] | undefined;
  return {
    get edges() {
      return (edges ??= nodes.map((node, i) => ({ cursor: cursor(i), node })));
    },
    nodes,
    pageInfo: {
      hasNextPage: request.direction === "forward" ? more : request.cursor !== null,
      hasPreviousPage: request.direction === "backward" ? more : request.cursor !== null,
      // Past the end, the cursor the caller walked from: a feed consumer keeps one value, never null.
      startCursor: page.length ? cursor(0) : resumeCursor(request, "backward"),
      endCursor: page.length ? cursor(page.length - 1) : resumeCursor(request, "forward"),
    },
    totalCount: lazy(totalCount),
  };
}

/** An empty page's end (or, walking backwards, start) is where its walk began: the cursor given. */
function resumeCursor(request: PageRequest, direction: PageRequest["direction"]): string | null {
  return request.direction === direction && request.cursor ? encodeCursor(request.cursor) : null;
}

/** A thenable that starts its work only when awaited; graphql-js awaits only the fields selected. */
export function lazy<T>(run: () => Promise<T>): PromiseLike<T> {
  let started: Promise<T> | undefined;
  return {
    then: (onFulfilled, onRejected) => (started ??= run()).then(onFulfilled, onRejected),
  };
}
