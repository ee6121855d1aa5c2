import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/admin/format";
import { ListPagination, ListTable, ListTitle } from "@/components/admin/list-page";
import { ReviewActions } from "@/components/reviews/review-actions";
import { RiskBadge } from "@/components/status-badges";
import { CopyableId } from "@/components/ui/copy-button";
import { Td } from "@/components/ui/table";
import { requireAdminPageOrSignIn } from "@/lib/auth/admin-pages";
import { HttpError } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import { listOpenReviews } from "@/lib/reviews/queries";

export const metadata: Metadata = { title: "Reviews" };
export const dynamic = "force-dynamic";

const PATH = "/admin/reviews";

export default async function ReviewsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  await requireAdminPageOrSignIn(PATH);
  const cursor = typeof params.cursor === "string" ? params.cursor : null;
  let invalid: string | null = null;
  let page: Awaited<ReturnType<typeof listOpenReviews>>;
  try {
    page = await listOpenReviews(cursor);
  } catch (error) {
    // A stale or hand-edited cursor: show the first page with the reason.
    if (!(error instanceof HttpError)) throw error;
    invalid = error.message;
    page = await listOpenReviews();
  }

  return (
    <div className="space-y-5">
      <ListTitle
        title="Reviews"
        description="Payments Radar placed in manual review. Their orders are not fulfilled until you approve them; refunding closes the review."
      />
      {invalid && (
        <p className="text-sm text-red-600" role="alert">
          {invalid}
        </p>
      )}
      <ListTable
        label="Open reviews"
        testId="reviews-table"
        columns={[{ label: "Amount", align: "right" }, "Risk", "Why", "Customer", "Review", { label: "Decision", align: "right" }]}
        empty={page.reviews.length === 0 && { title: "No payments to review", hint: "When Radar sends a payment to manual review, it waits here for your decision." }}
      >
        {page.reviews.map((r) => {
          const amount = r.payment ? formatMoney(r.payment.amount - r.payment.amountRefunded, r.payment.currency) : "—";
          return (
            <tr key={r.id} data-testid="review-row" data-review-id={r.id}>
              <Td align="right" className="whitespace-nowrap">
                {r.orderId ? (
                  <Link href={`/admin/payments/${encodeURIComponent(r.orderId)}`} className="font-medium hover:text-accent-700">
                    {amount}
                  </Link>
                ) : (
                  amount
                )}
                <span className="block text-xs text-zinc-500">opened {formatDateTime(r.openedAt)}</span>
              </Td>
              <Td className="whitespace-nowrap">
                <RiskBadge level={r.payment?.riskLevel ?? null} />
                {r.payment?.riskScore != null && <span className="ml-2 text-xs text-zinc-500 tabular-nums">score {r.payment.riskScore}</span>}
              </Td>
              <Td className="max-w-72 text-sm text-zinc-700">
                {r.payment?.sellerMessage ?? `Opened by ${r.openedReason}`}
                {r.payment?.radarRule && <span className="block font-mono text-xs text-zinc-500">rule {r.payment.radarRule}</span>}
              </Td>
              <Td className="max-w-48 truncate text-zinc-700">
                {r.payment?.email ?? "—"}
                {r.payment?.cardLast4 && <span className="block text-xs text-zinc-500">{`${r.payment.cardBrand ?? "card"} •••• ${r.payment.cardLast4}`}</span>}
              </Td>
              <Td>
                <CopyableId value={r.stripeReviewId} className="max-w-44" />
              </Td>
              <Td align="right">
                <ReviewActions reviewId={r.id} amountLabel={amount} email={r.payment?.email ?? null} />
              </Td>
            </tr>
          );
        })}
      </ListTable>
      <ListPagination path={PATH} current={{}} cursor={cursor} nextCursor={page.nextCursor} />
    </div>
  );
}
