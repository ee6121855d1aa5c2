// Creates the first admin, or promotes an existing account:
//   npm run admin:create -- <email> <password>
// With an existing account the password is optional; when given it replaces
// the old one. Uses DATABASE_URL like the app.
import { createOrPromoteAdmin } from "@/lib/auth/users";
import { getDb } from "@/lib/db";
import { HttpError } from "@/lib/errors";

const [email, password] = process.argv.slice(2);
if (!email) {
  console.error("Usage: npm run admin:create -- <email> <password>");
  process.exit(2);
}
try {
  const { user, created } = await createOrPromoteAdmin(email, password);
  console.log(
    created
      ? `Created admin ${user.email}. Sign in at /signin.`
      : `${user.email} is now an admin${password ? " (password replaced)" : ""}.`,
  );
} catch (error) {
  console.error(error instanceof HttpError ? error.message : error);
  process.exitCode = 1;
} finally {
  await getDb().$disconnect();
}
