import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import { PayportPanel } from "../components/PayportPanel";

/** stripe.dashboard.invoice.detail: the invoice's customer and the orders its payments settled. */
const InvoiceDetailView = (context: ExtensionContextValue) => (
  <PayportPanel path="/invoice" idField="invoice_id" title="Payport orders" context={context} />
);

export default InvoiceDetailView;
