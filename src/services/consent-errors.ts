/**
 * Admin-consent failures as an administrator would want them explained. Entra reports them as an OAuth
 * `error` plus an `error_description` that starts with an AADSTS code.
 */
export interface ConsentFailure {
  code: string;
  /** What happened, in a sentence. */
  reason: string;
  /** What to do about it. */
  action: string;
}

const BY_AADSTS: Record<string, Omit<ConsentFailure, "code">> = {
  "65004": {
    reason: "The administrator declined to grant consent.",
    action: "Start again and choose Accept on Microsoft's consent page.",
  },
  "50020": {
    reason: "The account that signed in belongs to a different directory than the one being connected.",
    action: "Sign in with an administrator account of the organization you want to connect.",
  },
  "90094": {
    reason: "The account that signed in is not allowed to grant tenant-wide consent.",
    action: "Ask a Global Administrator or Privileged Role Administrator to complete the consent.",
  },
  "90099": {
    reason:
      "The application has not been authorized in this tenant, or the account lacks the admin role to do it.",
    action: "Ask a Global Administrator to complete the consent.",
  },
  "500011": {
    reason: "The Microsoft Defender for Endpoint API (WindowsDefenderATP) was not found in the tenant.",
    action: "Make sure the tenant has Microsoft Defender for Endpoint, then try again.",
  },
  "650052": {
    reason: "The tenant lacks the Microsoft Defender for Endpoint service the application needs.",
    action: "Make sure the tenant is licensed for Microsoft Defender for Endpoint, then try again.",
  },
  "700016": {
    reason: "The application was not found in the directory.",
    action: "Check that the service's application (client) id is correct and the app is multi-tenant.",
  },
  "50011": {
    reason: "The redirect URI does not match one registered for the application.",
    action: "Add PUBLIC_URL/integrations/defender/callback as a Web redirect URI of the app registration.",
  },
};

const BY_ERROR: Record<string, Omit<ConsentFailure, "code">> = {
  access_denied: BY_AADSTS["65004"],
  consent_required: {
    reason: "Consent was not granted.",
    action: "An administrator must grant consent for the whole organization.",
  },
};

export function explainConsentError(error: string, description?: string | null): ConsentFailure {
  const aadsts = /AADSTS(\d+)/.exec(description ?? "")?.[1];
  if (aadsts && BY_AADSTS[aadsts]) return { code: `AADSTS${aadsts}`, ...BY_AADSTS[aadsts] };
  const known = BY_ERROR[error];
  if (known) return { code: aadsts ? `AADSTS${aadsts}` : error, ...known };
  return {
    code: aadsts ? `AADSTS${aadsts}` : error,
    reason: `Microsoft reported "${error}"${description ? `: ${description.split(/\r?\n/)[0].slice(0, 300)}` : ""}.`,
    action: "Try again; if it persists, check the app registration and the administrator's role.",
  };
}
