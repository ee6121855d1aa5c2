import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import { PayportPanel } from "../components/PayportPanel";
import { ShippingReturns } from "../components/ShippingReturns";

/** stripe.dashboard.invoice.detail: the invoice's customer, the orders its payments settled, and their shipping and returns. */
const InvoiceDetailView = (context: ExtensionContextValue) => (
  <PayportPanel path="/invoice" idField="invoice_id" title="Payport orders" context={context}>
    <ShippingReturns context={context} />
  </PayportPanel>
);

export default InvoiceDetailView;
