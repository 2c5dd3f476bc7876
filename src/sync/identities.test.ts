import { DeviceDirectory, UserDirectory, type StoredUser } from "./identities";

describe("UserDirectory", () => {
  it("resolves a profile folder, a registry SID and DOMAIN\\account on one device to one person", () => {
    const users = new UserDirectory([]);
    const fromPath = users.add({ accountName: "JSmith12" }, "dev-1")!;
    const fromRegistry = users.add({ accountName: "jsmith12", sid: "S-1-5-21-1-2-3-1112" }, "dev-1")!;
    const fromEvent = users.add(
      { accountName: "jsmith12", accountDomain: "CONTOSO", upn: "john.smith12@contoso.com" },
      "dev-1",
    )!;
    const person = users.resolve(fromPath);
    expect(users.resolve(fromRegistry)).toBe(person);
    expect(users.resolve(fromEvent)).toBe(person);
    expect(person).toMatchObject({
      identityKey: "sid:s-1-5-21-1-2-3-1112",
      upn: "john.smith12@contoso.com",
      accountDomain: "CONTOSO",
    });
    expect(users.users()).toHaveLength(1);
  });

  it("keys by SID, else DOMAIN\\account, else UPN, case-insensitively", () => {
    const users = new UserDirectory([]);
    expect(users.resolve(users.add({ accountName: "Ann", accountDomain: "Contoso" }, "d")!).identityKey).toBe(
      "acct:contoso\\ann",
    );
    expect(users.resolve(users.add({ upn: "Bob@Contoso.com" }, "d")!).identityKey).toBe(
      "upn:bob@contoso.com",
    );
  });

  it("keeps a bare profile name apart from the same name on another device", () => {
    const users = new UserDirectory([]);
    const a = users.resolve(users.add({ accountName: "admin" }, "dev-1")!);
    const b = users.resolve(users.add({ accountName: "admin" }, "dev-2")!);
    expect(a.identityKey).not.toBe(b.identityKey);
  });

  it("keeps the stored identity of a person first seen by a weaker name", () => {
    const stored: StoredUser = {
      id: "u1",
      identityKey: "acct:contoso\\ann",
      upn: null,
      accountName: "ann",
      accountDomain: "contoso",
      sid: null,
    };
    const users = new UserDirectory([stored]);
    const key = users.add({ accountName: "ann", accountDomain: "CONTOSO", sid: "S-1-5-21-9" }, "d")!;
    expect(users.resolve(key)).toMatchObject({ identityKey: "acct:contoso\\ann", sid: "S-1-5-21-9" });

    // A sync adds the stored people when it writes, after every reference: the same person results.
    const later = new UserDirectory([]);
    const laterKey = later.add({ accountName: "ann", accountDomain: "CONTOSO", sid: "S-1-5-21-9" }, "d")!;
    later.addStored([stored]);
    expect(later.resolve(laterKey)).toEqual(users.resolve(key));
    expect(later.users()).toHaveLength(1);
  });
});

describe("DeviceDirectory", () => {
  const directory = new DeviceDirectory([
    { id: "1", defenderId: "abc123", aadDeviceId: "AAD-1", name: "lt-000001.contoso.com" },
    { id: "2", defenderId: "def456", aadDeviceId: null, name: "mac-000002" },
  ]);

  it.each([
    [{ machineId: "ABC123" }, "1"],
    [{ aadDeviceId: "aad-1", deviceName: "other" }, "1"],
    [{ deviceName: "LT-000001" }, "1"],
    [{ deviceName: "mac-000002.local" }, "2"],
  ])("resolves %j", (ref, id) => {
    expect(directory.resolve(ref)?.id).toBe(id);
  });

  it("does not guess for an unknown device", () => {
    expect(directory.resolve({ machineId: "zzz" })).toBeUndefined();
  });

  describe("with older records of a device onboarded again", () => {
    const current = { id: "new", defenderId: "new123", aadDeviceId: "AAD-9", name: "lt-000009.contoso.com" };
    const flagged = { ...current, id: "old", defenderId: "old123", potentialDuplicate: true };
    const merged = { ...current, id: "", defenderId: "gone123", mergedInto: "new123" };

    it.each([
      ["the current record before an older one", [current, flagged]],
      ["the current record after an older one", [flagged, current]],
    ])("resolves a name or Entra id shared with %s to the current record", (_label, records) => {
      const devices = new DeviceDirectory(records);
      expect(devices.resolve({ deviceName: "LT-000009" })?.id).toBe("new");
      expect(devices.resolve({ aadDeviceId: "aad-9" })?.id).toBe("new");
      expect(devices.resolve({ machineId: "OLD123" })?.id).toBe("old");
    });

    it("resolves a merged record to the record it was merged into", () => {
      const devices = new DeviceDirectory([merged, current]);
      expect(devices.resolve({ machineId: "GONE123" })?.id).toBe("new");
      expect(new DeviceDirectory([merged]).resolve({ machineId: "gone123" })?.defenderId).toBe("gone123");
    });
  });
});
