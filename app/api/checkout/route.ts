import { getCurrentUser } from "@/lib/auth/session";
import { createCheckout } from "@/lib/orders/actions";
import { getDb } from "@/lib/db";
import { errorResponse, readJsonBody } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  try {
    const input = await readJsonBody(request);
    const user = await getCurrentUser(request);
    const { created, body } = await createCheckout(input, getDb(), user?.id ?? null);
    return Response.json(body, { status: created ? 201 : 200 });
  } catch (error) {
    return errorResponse(error, "POST /api/checkout");
  }
}
