// Which areas of the site need an account, decided in proxy.ts before a page
// renders: a visitor is redirected to sign in (with the way back) while the
// status can still be a real 307. Pages stream behind loading boundaries, and
// once the first byte is out a redirect can no longer change the status.
// Roles are checked by the pages themselves (the admin shell answers 403).

const SIGNED_IN_AREAS = ["/admin", "/account", "/subscribe"];

/** Whether the path needs a signed-in account. */
export function needsSignIn(pathname: string): boolean {
  return SIGNED_IN_AREAS.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** The path and query a page was asked for, set by proxy.ts for layouts (which are not told it) to send a visitor back to. */
export const REQUEST_PATH_HEADER = "x-payport-path";
