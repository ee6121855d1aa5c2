import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import { ActivityTimeline } from "../components/ActivityTimeline";
import { PayportPanel } from "../components/PayportPanel";

/** stripe.dashboard.customer.detail: the customer's Payport orders and notes, and their account activity. */
const CustomerDetailView = (context: ExtensionContextValue) => (
  <PayportPanel path="/customer" idField="customer_id" title="Payport customer" context={context}>
    {context.environment.objectContext?.id && <ActivityTimeline customerId={context.environment.objectContext.id} context={context} />}
  </PayportPanel>
);

export default CustomerDetailView;
