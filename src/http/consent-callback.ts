/**
 * `GET /integrations/defender/callback`: Microsoft's redirect after the administrator's sign-in (sent on to
 * admin consent) and after admin consent (a short page saying what happened and what to do).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ConsentPage, Services } from "../services";
import type { RequestContext } from "./request-context";

export function consentCallbackRoute(integrations: Services["integrations"]) {
  return async (
    _req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    request: RequestContext,
  ): Promise<void> => {
    const outcome = await integrations.completeConsent(url.searchParams, request.requestId);
    if ("redirect" in outcome) {
      res.writeHead(302, {
        location: outcome.redirect,
        "cache-control": "no-store",
        "referrer-policy": "no-referrer",
      });
      return void res.end();
    }
    res.writeHead(outcome.httpStatus, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
      // The state in the URL is single-use, but keep it out of other sites' logs anyway.
      "referrer-policy": "no-referrer",
    });
    res.end(renderOutcome(outcome));
  };
}

export function renderOutcome(outcome: ConsentPage): string {
  const color = outcome.ok ? "#0a7d32" : "#b42318";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(outcome.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5}h1{color:${color};font-size:1.4rem}</style>
</head><body>
<h1>${escapeHtml(outcome.title)}</h1>
<p>${escapeHtml(outcome.message)}</p>
${outcome.action ? `<p><strong>What to do:</strong> ${escapeHtml(outcome.action)}</p>` : ""}
${outcome.status ? `<p>Integration status: <code>${escapeHtml(outcome.status)}</code></p>` : ""}
<p>You can close this window.</p>
</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}
