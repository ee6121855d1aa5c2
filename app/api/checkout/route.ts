import { createCheckout } from "@/lib/checkout/create-checkout";
import { errorResponse, readJsonBody } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  try {
    const { created, body } = await createCheckout(await readJsonBody(request));
    return Response.json(body, { status: created ? 201 : 200 });
  } catch (error) {
    return errorResponse(error, "POST /api/checkout");
  }
}
