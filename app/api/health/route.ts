// Liveness: the process answers. No database or Stripe call, so a slow
// dependency never gets a healthy instance restarted (that is /api/ready's job).
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ name: "GET /api/health", auth: "public" }, async () => ({ status: "ok" }));
