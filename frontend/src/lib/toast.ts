/**
 * A tiny store for toasts, usable from anywhere (query callbacks, the session layer), not only
 * from components. The <Toaster> component renders it.
 */

export type ToastKind = "success" | "error" | "info";

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}

type Listener = () => void;

const DISMISS_AFTER_MS: Record<ToastKind, number> = { success: 5000, info: 6000, error: 10000 };
const MAX_VISIBLE = 4;

let toasts: readonly Toast[] = [];
let nextId = 1;
const listeners = new Set<Listener>();
const timers = new Map<number, ReturnType<typeof setTimeout>>();

function emit(next: readonly Toast[]): void {
  toasts = next;
  for (const listener of listeners) listener();
}

function dismiss(id: number): void {
  const timer = timers.get(id);
  if (timer !== undefined) clearTimeout(timer);
  timers.delete(id);
  if (toasts.some((toast) => toast.id === id)) emit(toasts.filter((toast) => toast.id !== id));
}

function show(kind: ToastKind, message: string): number {
  // The same message twice in a row (e.g. several queries failing for one reason) is noise.
  const duplicate = toasts.find((toast) => toast.kind === kind && toast.message === message);
  if (duplicate) return duplicate.id;
  const id = nextId++;
  emit([...toasts, { id, kind, message }].slice(-MAX_VISIBLE));
  timers.set(id, setTimeout(() => { dismiss(id); }, DISMISS_AFTER_MS[kind]));
  return id;
}

export const toast = {
  success: (message: string) => show("success", message),
  error: (message: string) => show("error", message),
  info: (message: string) => show("info", message),
  dismiss,
  clearAll: (): void => {
    for (const id of [...timers.keys()]) dismiss(id);
  },
  getSnapshot: (): readonly Toast[] => toasts,
  subscribe: (listener: Listener): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
