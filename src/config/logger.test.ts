import { PassThrough } from "node:stream";
import { createLogger, readableLines } from "./logger";

describe("the logger", () => {
  it("writes readable lines for a terminal, with secrets redacted as in JSON", async () => {
    const out = new PassThrough();
    let text = "";
    out.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    const logger = createLogger("info", readableLines(out));
    logger.info({ tenantId: "t1", clientSecret: "s3cret-value" }, "sync finished");
    await new Promise((resolve) => setImmediate(resolve));
    expect(text).toMatch(/INFO.*sync finished/);
    expect(text).toContain("tenantId");
    expect(text).toContain("[redacted]");
    expect(text).not.toContain("s3cret-value");
    expect(() => JSON.parse(text)).toThrow();
  });

  it("writes one JSON object per line for collectors", () => {
    const lines: string[] = [];
    const logger = createLogger("info", { write: (line: string) => void lines.push(line) });
    logger.info({ clientSecret: "s3cret-value" }, "sync finished");
    expect(JSON.parse(lines[0])).toMatchObject({ msg: "sync finished", clientSecret: "[redacted]" });
  });
});
