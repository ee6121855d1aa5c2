import { redirect } from "next/navigation";
import { requireAdminPageOrSignIn } from "@/lib/admin/access";

export const dynamic = "force-dynamic";

export default async function AdminIndex() {
  await requireAdminPageOrSignIn("/admin");
  redirect("/admin/dashboard");
}
