import { noStore, portalRoute } from "@/lib/billing/portal/route";
import { createUsageKey, listUsageKeys } from "@/lib/usage/actions";

export const dynamic = "force-dynamic";

/** GET → the account's usage API keys (prefixes only). */
export const GET = portalRoute("GET /api/billing/portal/usage-keys", async (_request, user) =>
  Response.json({ keys: await listUsageKeys(user.id) }, { headers: noStore }),
);

/** POST → 201 a new key; `key` is in this response only (we keep its SHA-256 hash). */
export const POST = portalRoute("POST /api/billing/portal/usage-keys", async (_request, user) =>
  Response.json(await createUsageKey(user), { status: 201, headers: noStore }),
);
