import type { ReactNode } from "react";
import { requireOrderAccessPage } from "@/lib/orders/access-page";

export const dynamic = "force-dynamic";

// Decided here, above this segment's loading boundaries, so an unknown order
// answers 404 and another account's order sends a visitor to sign in (307)
// before anything streams. The pages check again for their own data.
export default async function OrderLayout({ children, params }: { children: ReactNode; params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  await requireOrderAccessPage(orderId, `/checkout/${encodeURIComponent(orderId)}`);
  return children;
}
