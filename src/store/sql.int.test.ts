import { createLogger } from "../config/logger";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { SqlPool } from "./sql";

const logger = createLogger("silent");

describe("the store's SQL executor", () => {
  let db: TestDatabase;
  let prepared: SqlPool;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.sql.execute(`CREATE TABLE executor_probe (n int PRIMARY KEY)`);
    // One connection, so the prepared statements of one test are all on it.
    prepared = new SqlPool({
      url: db.url,
      max: 1,
      applicationName: "agent-inventory:test",
      prepared: true,
      statementTimeoutMs: 200,
      logger,
    });
  });
  afterAll(async () => {
    await prepared?.close();
    await db?.drop();
  });

  const numbers = async () =>
    (await db.sql.rows<{ n: number }>(`SELECT n FROM executor_probe ORDER BY n`)).map((r) => r.n);

  it("commits a transaction's statements together, and counts what each changed", async () => {
    const changed = await db.sql.transaction(async (tx) => {
      const inserted = await tx.execute(`INSERT INTO executor_probe SELECT generate_series(1, 3)`);
      const deleted = await tx.execute(`DELETE FROM executor_probe WHERE n = $1`, [2]);
      return [inserted, deleted];
    });
    expect(changed).toEqual([3, 1]);
    expect(await numbers()).toEqual([1, 3]);
  });

  it("rolls back everything a transaction did when its work throws, nested work included", async () => {
    const failure = db.sql.transaction(async (tx) => {
      await tx.execute(`INSERT INTO executor_probe VALUES (10)`);
      await tx.transaction((inner) => inner.execute(`INSERT INTO executor_probe VALUES (11)`));
      throw new Error("changed my mind");
    });
    await expect(failure).rejects.toThrow("changed my mind");
    expect(await numbers()).toEqual([1, 3]);
  });

  it("runs the same text again as a prepared statement, with other values", async () => {
    const text = `SELECT n FROM executor_probe WHERE n >= $1 ORDER BY n`;
    expect(await prepared.rows(text, [1])).toEqual([{ n: 1 }, { n: 3 }]);
    expect(await prepared.rows(text, [2])).toEqual([{ n: 3 }]);
    const [{ count }] = await prepared.rows<{ count: number }>(
      `SELECT count(*)::int AS count FROM pg_prepared_statements WHERE statement = $1`,
      [text],
    );
    expect(count).toBe(1);
  });

  it("ends a statement that runs past the pool's statement timeout", async () => {
    await expect(prepared.rows(`SELECT pg_sleep(1)`)).rejects.toMatchObject({ code: "57014" });
    await expect(db.sql.rows(`SELECT pg_sleep(0.3)`)).resolves.toHaveLength(1);
  });
});
