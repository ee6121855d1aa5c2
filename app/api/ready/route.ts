// Readiness: 200 when the database, Stripe and the job queue answer, else 503
// naming what failed, so the load balancer stops sending this instance traffic.
import { checkReadiness } from "@/lib/health/readiness";
import { route, withStatus } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ name: "GET /api/ready", auth: "public" }, async () => {
  const readiness = await checkReadiness();
  return withStatus(readiness.status === "ready" ? 200 : 503, readiness);
});
