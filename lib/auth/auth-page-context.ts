// What /signin and /signup need before rendering: where to go afterwards
// (signed-in visitors go there at once) and whether GitHub sign-in is on.
import { redirect } from "next/navigation";
import { getCurrentUser, safeCallbackPath } from "@/lib/auth/session";
import { getAuthEnv } from "@/lib/env";

export async function authPageContext(query: Record<string, string | string[] | undefined>): Promise<{ callbackUrl: string; github: boolean }> {
  const callbackUrl = safeCallbackPath(query.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  return { callbackUrl, github: getAuthEnv().github !== null };
}
