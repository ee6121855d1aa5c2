import { useState } from "react";
import { Badge, Banner, Box, Button, ContextView, Inline, List, ListItem, Spinner, TextArea } from "@stripe/ui-extension-sdk/ui";
import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import type { StripeAppProductView } from "../contract";
import { newRequestId, postToBackend, type BackendContext } from "../lib/backend";
import { useBackendData } from "../lib/useBackendData";

const KIND_LABEL: Record<NonNullable<StripeAppProductView["product"]>["kind"], string> = {
  plan: "Plan",
  addon: "Add-on",
  good: "Storefront item",
};

/**
 * stripe.dashboard.product.detail: what the plan includes, as /pricing and the
 * portal show it. Super Administrators, Administrators and Developers edit it
 * here (the backend decides from the signed roles and says canEdit).
 */
const ProductDetailView = (context: ExtensionContextValue) => {
  const { state, reload } = useBackendData<StripeAppProductView>("/product", "product_id", context);
  return (
    <ContextView title="Payport plan features" description="What /pricing and the customer portal list for this plan">
      {state.status === "loading" && (
        <Box css={{ stack: "x", alignX: "center", padding: "large" }}>
          <Spinner size="large" />
        </Box>
      )}
      {state.status === "error" && (
        <Banner type="critical" title="Could not load Payport data" description={state.message} actions={<Button onPress={reload}>Retry</Button>} />
      )}
      {state.status === "ready" && <ProductFeatures view={state.data} context={context} onSaved={reload} />}
    </ContextView>
  );
};

function ProductFeatures({ view, context, onSaved }: { view: StripeAppProductView; context: ExtensionContextValue; onSaved: () => void }) {
  const { product } = view;
  if (!product) return <Inline css={{ color: "secondary" }}>Payport does not sell this product.</Inline>;
  return (
    <Box css={{ stack: "y", gap: "medium" }}>
      <Box css={{ stack: "x", gap: "small", alignY: "center" }}>
        <Inline css={{ font: "heading" }}>{product.name}</Inline>
        <Badge type="neutral">{KIND_LABEL[product.kind]}</Badge>
        {!product.active && <Badge type="warning">archived</Badge>}
      </Box>
      {product.features.length === 0 ? (
        <Inline css={{ color: "secondary" }}>No features listed yet.</Inline>
      ) : (
        <List>
          {product.features.map((feature) => (
            <ListItem key={feature} id={feature} title={feature} />
          ))}
        </List>
      )}
      {view.canEdit ? (
        <FeaturesEditor productId={product.id} features={product.features} limits={view} context={context} onSaved={onSaved} />
      ) : (
        view.editRefusal && <Inline css={{ color: "secondary" }}>{view.editRefusal}</Inline>
      )}
    </Box>
  );
}

type EditorProps = {
  productId: string;
  features: string[];
  limits: Pick<StripeAppProductView, "maxFeatures" | "maxFeatureLength">;
  context: BackendContext;
  onSaved: () => void;
};

/** Action: replace the features, one per line (POST /product-features). */
function FeaturesEditor({ productId, features, limits, context, onSaved }: EditorProps) {
  const [text, setText] = useState(features.join("\n"));
  // One id per edit: a retried save of the same text is applied once.
  const [requestId, setRequestId] = useState(newRequestId);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const save = async () => {
    const list = text.split("\n").map((line) => line.trim()).filter(Boolean);
    if (list.length > limits.maxFeatures) return setError(`List at most ${limits.maxFeatures} features.`);
    const tooLong = list.find((f) => f.length > limits.maxFeatureLength);
    if (tooLong) return setError(`"${tooLong.slice(0, 20)}…" is over ${limits.maxFeatureLength} characters.`);
    setSaving(true);
    setError(undefined);
    try {
      await postToBackend("/product-features", context, { product_id: productId, features: list, request_id: requestId });
      setRequestId(newRequestId());
      onSaved();
    } catch (e) {
      setError(e instanceof Error ? e.message : "The features were not saved.");
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box css={{ stack: "y", gap: "small" }}>
      <TextArea
        label="Features (one per line)"
        value={text}
        rows={Math.min(Math.max(features.length + 1, 3), limits.maxFeatures)}
        onChange={(e) => {
          setText(e.target.value);
          setRequestId(newRequestId());
        }}
        error={error}
        invalid={Boolean(error)}
        disabled={saving}
      />
      <Button size="small" type="primary" onPress={save} disabled={saving}>
        {saving ? "Saving…" : "Save features"}
      </Button>
    </Box>
  );
}

export default ProductDetailView;
