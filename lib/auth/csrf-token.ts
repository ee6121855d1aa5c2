// next-auth 4 keeps its CSRF token in a cookie as "<token>|<hash>" (named with
// the __Host- prefix when the site is served over HTTPS); a form posting to one
// of its endpoints sends the token part back. Reading it on the server lets
// such a form work as plain HTML, with no next-auth code in the browser.
import { cookies } from "next/headers";

const CSRF_COOKIES = ["__Host-next-auth.csrf-token", "next-auth.csrf-token"];

/** The CSRF token of this browser's next-auth cookie, or null when it has none yet. */
export async function nextAuthCsrfToken(): Promise<string | null> {
  const jar = await cookies();
  for (const name of CSRF_COOKIES) {
    const token = jar.get(name)?.value.split("|")[0];
    if (token) return token;
  }
  return null;
}
