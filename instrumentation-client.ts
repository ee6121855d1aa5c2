// Runs in the browser before any page code. Zod (in the admin and portal forms
// that import lib/*/schemas.ts) probes whether it may compile validators with
// new Function(); the Content-Security-Policy forbids eval, so the probe would
// be reported as a CSP violation on those pages. Jitless is zod's setting for
// pages under a CSP (validation is the same, only not compiled).
import { config } from "zod/v4/core";

config({ jitless: true });
