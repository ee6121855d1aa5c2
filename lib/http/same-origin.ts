// Cross-site request forgery: a page on another site can make the browser POST
// to us with our session cookie attached. Browsers say where such a request
// comes from (Origin on every cross-origin POST/PUT/PATCH/DELETE, and
// Sec-Fetch-Site in all current ones), so a changing request that names
// another origin is refused before anything is read or written.
//
// A request with none of Origin, Sec-Fetch-Site or Referer did not come from a
// browser page (curl, a server, a test): it can only carry a session cookie
// its sender already holds, so there is nothing to forge and it goes through.
import { HttpError } from "@/lib/errors";

const CHANGING_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export const CROSS_SITE_REFUSED = "This request came from another website, so it was refused. Make the change from Payport's own pages.";

/** Our own origins: the one the request was addressed to, and the configured public URL (behind a proxy they differ). */
function isOwnOrigin(origin: string, request: Request, appUrl: string): boolean {
  return origin === new URL(request.url).origin || origin === new URL(appUrl).origin;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** 403 when a browser sent a changing request from a page that is not ours. */
export function assertSameOrigin(request: Request, appUrl: string): void {
  if (!CHANGING_METHODS.has(request.method.toUpperCase())) return;
  const origin = request.headers.get("origin");
  // "null" is an opaque origin (sandboxed frame, data: page, some redirects): never ours.
  if (origin !== null) {
    if (isOwnOrigin(origin, request, appUrl)) return;
    throw new HttpError(403, CROSS_SITE_REFUSED);
  }
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite !== null) {
    // same-site is refused too: a sibling subdomain is another party's site.
    if (fetchSite === "same-origin" || fetchSite === "none") return;
    throw new HttpError(403, CROSS_SITE_REFUSED);
  }
  const referer = request.headers.get("referer");
  if (referer !== null) {
    const refererOrigin = originOf(referer);
    if (refererOrigin && isOwnOrigin(refererOrigin, request, appUrl)) return;
    throw new HttpError(403, CROSS_SITE_REFUSED);
  }
}
