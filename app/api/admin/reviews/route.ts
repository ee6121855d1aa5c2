import { z } from "zod";
import { withCursor } from "@/lib/http/pagination";
import { route } from "@/lib/http/route";
import { listOpenReviews } from "@/lib/reviews/queries";

export const dynamic = "force-dynamic";

/** GET /api/admin/reviews?cursor → { reviews, nextCursor }: the open Radar reviews, newest first. */
export const GET = route({ name: "GET /api/admin/reviews", auth: "admin", query: withCursor(z.object({})) }, async ({ query }) => listOpenReviews(query.cursor ?? null));
