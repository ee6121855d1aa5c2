// Runs in the browser before any page code. Zod (in the admin and portal forms
// that import lib/*/schemas.ts) probes whether it may compile validators with
// new Function(); the Content-Security-Policy forbids eval, so the probe would
// be reported as a CSP violation on those pages. Jitless is zod's setting for
// pages under a CSP (validation is the same, only not compiled).
//
// Set on zod's global config object (what `z.config({ jitless: true })`
// writes to) rather than through zod's API: this file is part of every page's
// start-up bundle, and importing zod here would ship it to pages that never
// validate anything. The object may already exist if zod loaded first, so it
// is updated in place, never replaced.
const zodGlobal = globalThis as typeof globalThis & { __zod_globalConfig?: { jitless?: boolean } };
(zodGlobal.__zod_globalConfig ??= {}).jitless = true;

export {};
