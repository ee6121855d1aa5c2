// A message's HTML part as its own document (the viewer cannot frame it: every
// answer forbids framing). Local outbox only.
import { found, idParams, route } from "@/lib/http/route";
import { HttpError } from "@/lib/errors";
import { isLocalOutbox } from "@/lib/mail/config";
import { findOutboxMessage } from "@/lib/mail/queries";

export const GET = route({ name: "GET /dev/mail/[id]/html", auth: "public", params: idParams }, async ({ params }) => {
  if (!isLocalOutbox()) throw new HttpError(404, "Not found.");
  const message = found(await findOutboxMessage(params.id), "No such message in the local outbox.");
  return new Response(message.html, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
});
