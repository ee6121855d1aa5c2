import { signUp, signUpSchema } from "@/lib/auth/users";
import { created, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** { email, password, name? } → 201 { id, email, name }; 409 when the email is taken. */
export const POST = route({ name: "POST /api/auth/signup", auth: "public", limit: "sign-up", body: signUpSchema }, async ({ body }) => {
  const user = await signUp(body);
  return created({ id: user.id, email: user.email, name: user.name });
});
