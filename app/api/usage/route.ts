import { route, withStatus } from "@/lib/http/route";
import { getUsageThisPeriod, recordUsage } from "@/lib/usage/actions";

export const dynamic = "force-dynamic";

/**
 * POST { value?: int ≥ 1 (default 1), timestamp?: unix seconds } with
 * `Authorization: Bearer pp_test_…` and optionally `Idempotency-Key` (a retry
 * with the same key is counted once) → 201 { identifier, value, timestamp, duplicate }
 * (200 for a duplicate). Bad key 401, no usage add-on 409. The key is checked
 * before the body is read, so recordUsage reads the request itself.
 */
export const POST = route({ name: "POST /api/usage", auth: "public", limit: "usage" }, async ({ request }) => {
  const recorded = await recordUsage(request);
  return withStatus(recorded.duplicate ? 200 : 201, recorded);
});

/** GET (signed in) → this period's usage of the metered add-on, or { usage: null }. */
export const GET = route({ name: "GET /api/usage", auth: "user" }, async ({ user }) => ({ usage: await getUsageThisPeriod(user) }));
