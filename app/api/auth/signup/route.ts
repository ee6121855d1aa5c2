import { signUp } from "@/lib/auth/users";
import { errorResponse, readJsonBody } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

// { email, password, name? } → 201 { id, email, name }; 409 when the email is taken.
export async function POST(request: Request): Promise<Response> {
  try {
    const user = await signUp(await readJsonBody(request));
    return Response.json({ id: user.id, email: user.email, name: user.name }, { status: 201 });
  } catch (error) {
    return errorResponse(error, "POST /api/auth/signup");
  }
}
