import { listMeteredAddon, listPlans } from "@/lib/catalog/plans";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ name: "GET /api/billing/plans", auth: "public" }, async () => {
  const [plans, meteredAddon] = await Promise.all([listPlans(), listMeteredAddon()]);
  return { plans, meteredAddon };
});
