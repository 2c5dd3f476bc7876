/** One Defender connector per Microsoft cloud in use, built on demand from the base settings. */
import { createDefenderConnector, type ConnectorSettings, type DefenderConnector } from "../defender";
import { Cloud } from "../model/enums";
import { cloudEndpoints, type CloudEndpoints } from "./clouds";

export class Connectors {
  private readonly byCloud = new Map<Cloud, DefenderConnector>();

  constructor(readonly settings: ConnectorSettings) {}

  forCloud(cloud: Cloud): DefenderConnector {
    let connector = this.byCloud.get(cloud);
    if (!connector) {
      connector = createDefenderConnector({
        ...this.settings,
        ...this.endpoints(cloud),
        graphScope: cloud === Cloud.PUBLIC ? this.settings.graphScope : undefined,
      });
      this.byCloud.set(cloud, connector);
    }
    return connector;
  }

  /** The sign-in host and Defender scope of a cloud (for consent URLs). */
  endpoints(cloud: Cloud): CloudEndpoints {
    return cloudEndpoints(cloud, {
      authorityHost: this.settings.authorityHost,
      defenderApiUrl: this.settings.defenderApiUrl,
      defenderScope: this.settings.defenderScope ?? "https://api.securitycenter.microsoft.com/.default",
      graphApiUrl: this.settings.graphApiUrl,
    });
  }

  /** Forgets every cached token of every cloud's connector (revocation). */
  forgetCachedTokens(): void {
    for (const connector of this.byCloud.values()) connector.tokens.forgetCachedTokens();
  }

  async close(): Promise<void> {
    await Promise.all([...this.byCloud.values()].map((c) => c.close()));
    this.byCloud.clear();
  }
}
