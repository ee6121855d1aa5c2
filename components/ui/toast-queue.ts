// The toast rules, apart from React: one toast at a time (a new one replaces
// the shown one instead of stacking), a dismissal (its timer, its button)
// removes only the toast it was for, and navigation clears them all.
export type ToastTone = "default" | "success" | "error";
export type Toast = { id: number; title: string; description?: string; tone: ToastTone };

export type ToastAction = { type: "show"; toast: Toast } | { type: "dismiss"; id: number } | { type: "clear" };

export function toastQueue(current: readonly Toast[], action: ToastAction): Toast[] {
  switch (action.type) {
    case "show":
      return [action.toast];
    case "dismiss":
      return current.some((t) => t.id === action.id) ? current.filter((t) => t.id !== action.id) : [...current];
    case "clear":
      return current.length ? [] : [...current];
  }
}
