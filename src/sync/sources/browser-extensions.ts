/** Browser extensions: Defender's browser extension inventory, one row per extension and device. */
import { matchBrowserExtensions } from "../../detection";
import { EvidenceSource } from "../../model/enums";
import type { SourceInput, SourceModule } from "./module";

export const browserExtensions: SourceModule = {
  name: "browser extensions",
  fullSyncOnly: true,
  async read({ client, reader, sink }: SourceInput) {
    await reader.read(
      "browserExtensions",
      EvidenceSource.BROWSER_EXTENSIONS,
      client,
      client.browserExtensions(),
      (page) => sink.add(matchBrowserExtensions(page)),
    );
  },
};
