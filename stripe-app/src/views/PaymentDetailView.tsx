import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import { PayportPanel } from "../components/PayportPanel";

/** stripe.dashboard.payment.detail: the object is a payment intent or a charge; the backend takes both. */
const PaymentDetailView = (context: ExtensionContextValue) => (
  <PayportPanel path="/payment" idField="payment_id" title="Payport order" context={context} />
);

export default PaymentDetailView;
