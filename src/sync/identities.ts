/**
 * Who and where a detection is: Defender names one person by SID, DOMAIN\account, UPN or just a
 * profile folder, and one device by machine id, Entra device id or name. Pure resolution; the stored
 * users take part so an identity stays the same row from sync to sync.
 */
import type { DeviceRef, UserRef } from "../detection";
import type { StoredUser, UserWrite } from "../store";

export interface DeviceRecord {
  id: string;
  defenderId: string;
  aadDeviceId: string | null;
  name: string;
  /** An older record of a host onboarded again (Defender's isPotentialDuplication). */
  potentialDuplicate?: boolean;
  /** The Defender id of the record this one was merged into (Defender's mergedIntoMachineId). */
  mergedInto?: string | null;
}

/**
 * Finds a device by Defender id, else Entra device id, else name (full or first DNS label). A merged
 * record resolves to the record it was merged into; a name or Entra id shared with an older duplicate
 * record resolves to the current one.
 */
export class DeviceDirectory {
  private readonly byDefenderId = new Map<string, DeviceRecord>();
  private readonly byAad = new Map<string, DeviceRecord>();
  private readonly byName = new Map<string, DeviceRecord>();

  constructor(devices: Iterable<DeviceRecord>) {
    const keep = (map: Map<string, DeviceRecord>, key: string, device: DeviceRecord, override: boolean) => {
      const current = map.get(key);
      if (
        !current ||
        (isDuplicate(current) && !isDuplicate(device)) ||
        (override && isDuplicate(current) === isDuplicate(device))
      )
        map.set(key, device);
    };
    for (const device of devices) {
      this.byDefenderId.set(device.defenderId.toLowerCase(), device);
      if (device.aadDeviceId) keep(this.byAad, device.aadDeviceId.toLowerCase(), device, true);
      const name = device.name.toLowerCase();
      keep(this.byName, name, device, true);
      keep(this.byName, name.split(".")[0], device, false);
    }
  }

  resolve(ref: DeviceRef): DeviceRecord | undefined {
    if (ref.machineId) {
      const device = this.byDefenderId.get(ref.machineId.toLowerCase());
      return (device?.mergedInto && this.byDefenderId.get(device.mergedInto)) || device;
    }
    const byAad = ref.aadDeviceId && this.byAad.get(ref.aadDeviceId.toLowerCase());
    if (byAad) return byAad;
    const name = ref.deviceName?.toLowerCase();
    return name ? (this.byName.get(name) ?? this.byName.get(name.split(".")[0])) : undefined;
  }
}

function isDuplicate(device: DeviceRecord): boolean {
  return !!device.potentialDuplicate || !!device.mergedInto;
}

/** A person as stored, and as this sync resolves them (the store's shapes: what it reads and writes). */
export type { StoredUser };
export type ResolvedUser = UserWrite;

/** Strongest first: the identity key of a person is their strongest alias. */
const PRIORITY = ["sid:", "acct:", "upn:", "local:"];
const USER_FIELDS = ["upn", "accountName", "accountDomain", "sid", "aadObjectId"] as const;

function aliasesOf(ref: UserRef, deviceKey: string): string[] {
  const aliases: string[] = [];
  if (ref.sid) aliases.push(`sid:${ref.sid.toLowerCase()}`);
  if (ref.accountName && ref.accountDomain)
    aliases.push(`acct:${ref.accountDomain.toLowerCase()}\\${ref.accountName.toLowerCase()}`);
  if (ref.upn) aliases.push(`upn:${ref.upn.toLowerCase()}`);
  // A bare profile name only means something on its device; it joins the same name seen there.
  if (ref.accountName) aliases.push(`local:${deviceKey.toLowerCase()}\\${ref.accountName.toLowerCase()}`);
  return aliases;
}

/**
 * Union of aliases: every reference links the names it carries, so a profile folder, a SID from the
 * registry and DOMAIN\account from an event resolve to one person.
 */
export class UserDirectory {
  private readonly parent = new Map<string, string>();
  private readonly storedByAlias = new Map<string, StoredUser>();
  /** Per first alias of a reference: the first value seen of each field (not every reference). */
  private readonly refs = new Map<string, UserRef>();
  private resolved: Map<string, ResolvedUser> | null = null;

  constructor(stored: Iterable<StoredUser>) {
    this.addStored(stored);
  }

  /**
   * The stored people, so an identity stays the same row from sync to sync. References resolve to the
   * same people whether these come before or after them, so a sync adds them when it writes rather than
   * holding them beside its pages.
   */
  addStored(stored: Iterable<StoredUser>): void {
    this.resolved = null;
    for (const user of stored) {
      const ref: UserRef = {
        sid: user.sid ?? undefined,
        upn: user.upn ?? undefined,
        accountName: user.accountName ?? undefined,
        accountDomain: user.accountDomain ?? undefined,
      };
      const aliases = [user.identityKey, ...aliasesOf(ref, "").filter((a) => !a.startsWith("local:"))];
      for (const alias of aliases) this.storedByAlias.set(alias, user);
      this.link(aliases);
    }
  }

  /** Records a reference seen on a device; returns its key for `resolve`. */
  add(ref: UserRef, deviceKey: string): string | null {
    const aliases = aliasesOf(ref, deviceKey);
    if (!aliases.length) return null;
    this.link(aliases);
    const fields = this.refs.get(aliases[0]);
    if (!fields) this.refs.set(aliases[0], { ...ref });
    else for (const key of USER_FIELDS) fields[key] ??= ref[key];
    this.resolved = null;
    return aliases[0];
  }

  /** The person a key from `add` belongs to. */
  resolve(key: string): ResolvedUser {
    this.resolved ??= this.build();
    return this.resolved.get(this.find(key))!;
  }

  /** Every person referenced in this sync. */
  users(): ResolvedUser[] {
    this.resolved ??= this.build();
    const roots = new Set([...this.refs.keys()].map((k) => this.find(k)));
    return [...roots].map((root) => this.resolved!.get(root)!);
  }

  private build(): Map<string, ResolvedUser> {
    const members = new Map<string, string[]>();
    for (const alias of this.parent.keys()) {
      const root = this.find(alias);
      const list = members.get(root) ?? [];
      list.push(alias);
      members.set(root, list);
    }
    const out = new Map<string, ResolvedUser>();
    for (const [root, aliases] of members) {
      const stored = aliases
        .map((a) => this.storedByAlias.get(a))
        .filter((u): u is StoredUser => !!u)
        .sort(
          (a, b) => rank(a.identityKey) - rank(b.identityKey) || a.identityKey.localeCompare(b.identityKey),
        );
      const refs = aliases.flatMap((a) => this.refs.get(a) ?? []);
      const first = (field: keyof UserRef) => refs.find((r) => r[field])?.[field] ?? null;
      const strongest = [...aliases].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0];
      out.set(root, {
        identityKey: stored[0]?.identityKey ?? strongest,
        upn: first("upn") ?? stored[0]?.upn ?? null,
        accountName: first("accountName") ?? stored[0]?.accountName ?? null,
        accountDomain: first("accountDomain") ?? stored[0]?.accountDomain ?? null,
        sid: first("sid") ?? stored[0]?.sid ?? null,
        aadObjectId: first("aadObjectId"),
      });
    }
    return out;
  }

  private link(aliases: string[]): void {
    for (const alias of aliases) if (!this.parent.has(alias)) this.parent.set(alias, alias);
    for (let i = 1; i < aliases.length; i++) {
      const a = this.find(aliases[0]);
      const b = this.find(aliases[i]);
      if (a !== b) this.parent.set(b, a);
    }
  }

  private find(alias: string): string {
    let root = alias;
    while (this.parent.get(root) !== root) root = this.parent.get(root)!;
    // Path compression keeps later lookups flat.
    for (let node = alias; node !== root;) {
      const next = this.parent.get(node)!;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }
}

function rank(alias: string): number {
  const index = PRIORITY.findIndex((p) => alias.startsWith(p));
  return index < 0 ? PRIORITY.length : index;
}
