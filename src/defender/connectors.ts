/**
 * One Defender connector per Microsoft cloud in use, built on demand from the base settings, and the
 * administrator sign-in of each cloud's sign-in host (consent).
 */
import type { Dispatcher } from "undici";
import { Cloud } from "../model/enums";
import { AdminSignIn, rolesThatCanConsent } from "./admin-sign-in";
import { cloudEndpoints, type CloudEndpoints } from "./clouds";
import { createDefenderConnector, type ConnectorSettings, type DefenderConnector } from "./connector";
import { createDispatcher } from "./http";
import { createMsalApplication } from "./token-provider";

export class Connectors {
  private readonly byCloud = new Map<Cloud, DefenderConnector>();
  private readonly signIns = new Map<Cloud, AdminSignIn>();
  private signInDispatcher: Dispatcher | undefined;

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

  /** The administrator sign-in against the cloud's sign-in host. */
  signIn(cloud: Cloud): AdminSignIn {
    let signIn = this.signIns.get(cloud);
    if (!signIn) {
      this.signInDispatcher ??= createDispatcher({
        httpsProxy: this.settings.httpsProxy,
        noProxy: this.settings.noProxy,
        trustCa: this.settings.trustCa,
      });
      const { authorityHost } = this.endpoints(cloud);
      signIn = new AdminSignIn({
        app: createMsalApplication({
          clientId: this.settings.clientId,
          credential: this.settings.credential,
          authorityHost,
          dispatcher: this.signInDispatcher,
          logger: this.settings.logger,
        }),
        clientId: this.settings.clientId,
        authorityHost,
        // Legacy hunting only: the app asks for no Microsoft Graph application permission.
        consentRoles: rolesThatCanConsent(this.settings.huntingApi !== "legacy"),
      });
      this.signIns.set(cloud, signIn);
    }
    return signIn;
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
    this.signIns.clear();
    await this.signInDispatcher?.close();
    this.signInDispatcher = undefined;
  }
}
