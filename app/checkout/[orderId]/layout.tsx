import { headers } from "next/headers";
import type { ReactNode } from "react";
import { REQUEST_PATH_HEADER } from "@/lib/auth/page-gate";
import { requireOrderAccessPage } from "@/lib/orders/access-page";

export const dynamic = "force-dynamic";

// Decided here, above this segment's loading boundaries, so an unknown order
// answers 404 and another account's order sends a visitor to sign in (307,
// back to the exact page and query) before anything streams. The pages check
// again for their own data.
export default async function OrderLayout({ children, params }: { children: ReactNode; params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  const asked = (await headers()).get(REQUEST_PATH_HEADER);
  await requireOrderAccessPage(orderId, asked ?? `/checkout/${encodeURIComponent(orderId)}`);
  return children;
}
