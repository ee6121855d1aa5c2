import { created, route } from "@/lib/http/route";
import { createUsageKey, listUsageKeys } from "@/lib/usage/actions";

export const dynamic = "force-dynamic";

/** GET → the account's usage API keys (prefixes only). */
export const GET = route({ name: "GET /api/billing/portal/usage-keys", auth: "user" }, async ({ user }) => ({ keys: await listUsageKeys(user.id) }));

/** POST → 201 a new key; `key` is in this response only (we keep its SHA-256 hash). */
export const POST = route({ name: "POST /api/billing/portal/usage-keys", auth: "user" }, async ({ user }) => created(await createUsageKey(user)));
