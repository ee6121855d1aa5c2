import { redirect } from "next/navigation";
import { requireAdminPageOrSignIn } from "@/lib/auth/admin-pages";

export const dynamic = "force-dynamic";

export default async function AdminIndex() {
  await requireAdminPageOrSignIn("/admin");
  redirect("/admin/dashboard");
}
