import { useSyncExternalStore } from "react";
import { toast, type ToastKind } from "../lib/toast";

const KIND_CLASSES: Record<ToastKind, string> = {
  success: "border-emerald-700 bg-emerald-50 text-emerald-900",
  error: "border-red-700 bg-red-50 text-red-900",
  info: "border-indigo-700 bg-indigo-50 text-indigo-950",
};

export function Toaster() {
  const toasts = useSyncExternalStore(toast.subscribe, toast.getSnapshot, toast.getSnapshot);

  return (
    <section
      aria-label="Notifications"
      className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end"
    >
      {toasts.map((item) => (
        <div
          key={item.id}
          // Errors interrupt the screen reader; confirmations wait for a pause.
          role={item.kind === "error" ? "alert" : "status"}
          className={`pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-md border-l-4 px-4 py-3 text-sm shadow-lg ${KIND_CLASSES[item.kind]}`}
        >
          <p className="flex-1">{item.message}</p>
          <button
            type="button"
            onClick={() => { toast.dismiss(item.id); }}
            className="-m-1 rounded p-1 font-semibold hover:bg-black/10"
            aria-label="Dismiss notification"
          >
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
