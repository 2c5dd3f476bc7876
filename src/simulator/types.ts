// Shapes shared by the fleet generator, the hunting tables and the HTTP layer.
import type { BrowserSighting, FieldChannel, HostKey } from "../detection/corpus";

export type { Os } from "../detection/corpus";
export type Channel = FieldChannel;
/** Host IDEs as the product names them: code-server counts as a remote VS Code server. */
export type HostIde = Exclude<HostKey, "code-server">;

export interface FleetUser {
  accountName: string;
  accountDomain: string;
  sid: string;
  upn: string;
  aadObjectId: string;
}

export type BrowserExtensionArtifact = BrowserSighting;
