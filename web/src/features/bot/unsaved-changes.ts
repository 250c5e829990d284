// Unsaved changes in a part of the page: any edit (input or change event) inside
// the container marks it dirty; a successful save of a form inside it (a submit
// followed by a successful mutation) makes it clean. While dirty, leaving the
// page in the app asks first (useBlocker), and closing or reloading the tab
// asks the browser's own question (beforeunload). Controls that save at once
// carry `data-unsaved-ignore`; search boxes never count. A card that tracks its
// own draft (edits made with buttons) shows an element with `data-unsaved-changes`.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, type RefObject } from "react";
import { useBlocker } from "react-router";

export function useUnsavedChanges(container: RefObject<HTMLElement | null>, resetKey: string) {
  const qc = useQueryClient();
  const dirty = useRef(false);
  const isDirty = () => dirty.current || !!container.current?.querySelector("[data-unsaved-changes]");
  const saving = useRef(false);

  useEffect(() => {
    dirty.current = false;
    saving.current = false;
    const el = container.current;
    if (!el) return;
    const onEdit = (e: Event) => {
      const t = e.target as HTMLElement | null;
      if (!t || t.closest("[data-unsaved-ignore]") || (t instanceof HTMLInputElement && t.type === "search")) return;
      dirty.current = true;
    };
    const onSubmit = () => {
      saving.current = true;
    };
    el.addEventListener("input", onEdit);
    el.addEventListener("change", onEdit);
    el.addEventListener("submit", onSubmit);
    const unsubscribe = qc.getMutationCache().subscribe((event) => {
      if (event.type !== "updated" || !saving.current) return;
      if (event.action.type === "success") {
        saving.current = false;
        dirty.current = false;
      } else if (event.action.type === "error") saving.current = false;
    });
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!isDirty()) return;
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      el.removeEventListener("input", onEdit);
      el.removeEventListener("change", onEdit);
      el.removeEventListener("submit", onSubmit);
      unsubscribe();
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [container, resetKey, qc]);

  const blocker = useBlocker(({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname && isDirty());
  return {
    blocked: blocker.state === "blocked",
    stay: () => blocker.reset?.(),
    leave: () => {
      dirty.current = false;
      blocker.proceed?.();
    },
  };
}
