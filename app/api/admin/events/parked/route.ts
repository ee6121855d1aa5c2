import { route } from "@/lib/http/route";
import { listParkedWebhooks } from "@/lib/webhooks/queries";

export const dynamic = "force-dynamic";

/** GET /api/admin/events/parked → { rows }: signed deliveries that were not events (answered 400), newest first. */
export const GET = route({ name: "GET /api/admin/events/parked", auth: "admin" }, async () => ({ rows: await listParkedWebhooks(50) }));
