// A throwaway CA and a 127.0.0.1/localhost leaf it signs, generated with the `selfsigned` package.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "selfsigned";

export interface Certificates {
  ca: string;
  caPath: string;
  /** The temporary folder made for `caPath` when no folder was given: the simulator removes it on close. */
  temporaryDir: string | null;
  key: string;
  cert: string;
}

export async function createCertificates(certDir?: string): Promise<Certificates> {
  const notAfterDate = new Date(Date.now() + 30 * 86_400_000);
  const ca = await generate([{ name: "commonName", value: "agent-inventory simulator CA" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const leaf = await generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  const temporaryDir = certDir ? null : mkdtempSync(join(tmpdir(), "defender-sim-"));
  const dir = certDir ?? temporaryDir!;
  mkdirSync(dir, { recursive: true });
  const caPath = join(dir, "ca.pem");
  writeFileSync(caPath, ca.cert);
  return { ca: ca.cert, caPath, temporaryDir, key: leaf.private, cert: leaf.cert };
}
