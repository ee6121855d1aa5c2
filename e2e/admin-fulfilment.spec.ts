// Fulfilment from the admin payment detail in a real browser against `next
// start` and the emulator: the seeded local admin opens a paid order, marks it
// shipped with a carrier and tracking number in the dialog, and the card shows
// the new state without a page reload; then a support note and "delivered".
import { ADMIN, buyTee, expect, signInAt, test, uniqueEmail } from "./fixtures";

test("an admin marks a paid order shipped with a tracking number and sees it without a reload", async ({ page }) => {
  const orderId = await buyTee(page, uniqueEmail("shipee"));
  await signInAt(page, `/admin/payments/${orderId}`, { back: new RegExp(`/admin/payments/${orderId}$`) });

  const card = page.getByTestId("payment-fulfilment");
  const actions = page.getByTestId("fulfilment-actions");
  await expect(actions).toHaveAttribute("data-status", "unfulfilled");
  await expect(card).toContainText("unfulfilled");
  // Survives router.refresh(), not a reload.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  await card.getByRole("button", { name: "Mark shipped…" }).click();
  const dialog = page.getByRole("dialog", { name: "Mark this order shipped?" });
  await expect(dialog).toBeVisible();
  // The tracking number is required before anything is sent.
  await dialog.getByRole("button", { name: "Mark shipped" }).click();
  await expect(dialog.getByText(/Enter the carrier's tracking number/)).toBeVisible();
  await dialog.getByLabel("Carrier (optional)").fill("UPS");
  await dialog.getByLabel("Tracking number").fill("1Z999AA10123456784");
  await dialog.getByRole("button", { name: "Mark shipped" }).click();

  await expect(page.getByRole("status").getByText("Order marked shipped")).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(actions).toHaveAttribute("data-status", "shipped");
  await expect(card).toContainText("UPS 1Z999AA10123456784");
  await expect(card).toContainText(/Shipped \d{4}-\d{2}-\d{2}/);
  await expect(card.getByRole("button", { name: "Edit tracking…" })).toBeVisible();
  await expect(card.getByRole("button", { name: "Mark delivered…" })).toBeVisible();

  // A support note, listed at once with who wrote it.
  await card.getByLabel("Add a note").fill("Customer asked to leave it with the neighbour.");
  await card.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByRole("status").getByText("Note added")).toBeVisible();
  await expect(card.getByTestId("order-note")).toHaveCount(1);
  await expect(card.getByTestId("order-note")).toContainText("Customer asked to leave it with the neighbour.");
  await expect(card.getByTestId("order-note")).toContainText(ADMIN.email);
  await expect(card.getByLabel("Add a note")).toHaveValue("");

  // Delivered, after confirming; then only "returned" is offered.
  await card.getByRole("button", { name: "Mark delivered…" }).click();
  const confirm = page.getByRole("dialog", { name: "Mark this order delivered?" });
  await confirm.getByRole("button", { name: "Mark delivered" }).click();
  await expect(page.getByRole("status").getByText("Order marked delivered")).toBeVisible();
  await expect(actions).toHaveAttribute("data-status", "delivered");
  await expect(card).toContainText(/Delivered \d{4}-\d{2}-\d{2}/);
  await expect(card.getByRole("button", { name: "Mark returned…" })).toBeVisible();
  await expect(card.getByRole("button", { name: /Mark shipped|Edit tracking|Mark delivered/ })).toHaveCount(0);

  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
});
