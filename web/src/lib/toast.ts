// A tiny toast store usable from anywhere (React or the query client's error
// policy). The <Toaster> subscribes with useSyncExternalStore.
export type ToastTone = "success" | "error" | "info";

export interface ToastAction {
  label: string;
  onClick: () => void;
}

export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  description?: string;
  requestId?: string | null;
  action?: ToastAction;
}

type Listener = () => void;

const DURATION: Record<ToastTone, number> = { success: 5000, info: 6000, error: 12000 };
const MAX_VISIBLE = 4;

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<Listener>();
const timers = new Map<number, ReturnType<typeof setTimeout>>();

function emit() {
  for (const l of listeners) l();
}

export function dismissToast(id: number): void {
  const timer = timers.get(id);
  if (timer) clearTimeout(timer);
  timers.delete(id);
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

export function toast(input: Omit<Toast, "id">): number {
  // The same message twice in a row (e.g. several queries failing together) shows once.
  const same = toasts.find((t) => t.title === input.title && t.description === input.description && t.tone === input.tone);
  if (same) dismissToast(same.id);
  const id = nextId++;
  toasts = [...toasts, { ...input, id }].slice(-MAX_VISIBLE);
  timers.set(
    id,
    setTimeout(() => dismissToast(id), input.action ? DURATION.error : DURATION[input.tone]),
  );
  emit();
  return id;
}

export const toastStore = {
  subscribe(listener: Listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  getSnapshot: () => toasts,
};
