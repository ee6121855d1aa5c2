import { requireUser } from "@/lib/auth/session";
import { subscribe } from "@/lib/subscriptions/subscribe";
import { errorResponse, readJsonBody } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  try {
    const user = await requireUser(request);
    const result = await subscribe(await readJsonBody(request), user.id);
    return Response.json(result, { status: result.reused ? 200 : 201 });
  } catch (error) {
    return errorResponse(error, "POST /api/billing/subscribe");
  }
}
