import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import { PayportPanel } from "../components/PayportPanel";

/** stripe.dashboard.customer.detail: the customer's Payport orders and notes. */
const CustomerDetailView = (context: ExtensionContextValue) => (
  <PayportPanel path="/customer" idField="customer_id" title="Payport customer" context={context} />
);

export default CustomerDetailView;
