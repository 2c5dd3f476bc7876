/**
 * Which hosts and scopes a tenant's Microsoft cloud uses. The public cloud takes them from the
 * configuration (so a regional Defender host or the simulator can be named there); the US government
 * clouds have fixed hosts (https://learn.microsoft.com/defender-endpoint/gov).
 */
import { Cloud } from "../model/enums";

export interface CloudEndpoints {
  authorityHost: string;
  defenderApiUrl: string;
  defenderScope: string;
  graphApiUrl: string;
}

export function cloudEndpoints(cloud: Cloud, configured: CloudEndpoints): CloudEndpoints {
  switch (cloud) {
    case Cloud.PUBLIC:
      return configured;
    case Cloud.GCC:
      return {
        authorityHost: "https://login.microsoftonline.com",
        defenderApiUrl: "https://api-gcc.securitycenter.microsoft.us",
        defenderScope: "https://api-gcc.securitycenter.microsoft.us/.default",
        graphApiUrl: "https://graph.microsoft.com",
      };
    case Cloud.GCC_HIGH:
      return {
        authorityHost: "https://login.microsoftonline.us",
        defenderApiUrl: "https://api-gov.securitycenter.microsoft.us",
        defenderScope: "https://api-gov.securitycenter.microsoft.us/.default",
        graphApiUrl: "https://graph.microsoft.us",
      };
    case Cloud.DOD:
      return {
        authorityHost: "https://login.microsoftonline.us",
        defenderApiUrl: "https://api-gov.securitycenter.microsoft.us",
        defenderScope: "https://api-gov.securitycenter.microsoft.us/.default",
        graphApiUrl: "https://dod-graph.microsoft.us",
      };
  }
}
