// Order pages: the owner (or anyone, for a guest order) sees it; a signed-out
// visitor is sent to sign in first; any other account gets the 404 page.
import { notFound, redirect } from "next/navigation";
import { getCurrentUser, signInPath } from "@/lib/auth/session";
import { orderAccess } from "@/lib/orders/access";

export async function requireOrderAccessPage(orderId: string, returnTo: string): Promise<void> {
  const access = await orderAccess(orderId, await getCurrentUser());
  if (access === "sign-in") redirect(signInPath(returnTo));
  if (access === "not-found") notFound();
}
