// The height the Payment Element's card form has once drawn (its fields stack
// below 361 px wide). The element's box, its skeleton and the loading page of
// payment pages all hold it from the first paint, so nothing under them moves
// when the form appears (no layout shift).
export const PAYMENT_ELEMENT_HEIGHT = "min-h-[313px] max-[360px]:min-h-[418px]";
