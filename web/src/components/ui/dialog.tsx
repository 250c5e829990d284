// A modal dialog: rendered above the page, everything behind it inert, focus
// kept inside (Tab wraps), Escape closes, focus returns to where it was.
import { useEffect, useId, useLayoutEffect, useRef, type ReactNode, type RefObject } from "react";
import { createPortal } from "react-dom";
import { cx } from "../../lib/cx";
import { CloseIcon } from "./icons";

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

// Open dialogs, innermost last: only the top one reacts to keys, everything else is inert.
const stack: HTMLElement[] = [];
const madeInert = new Set<Element>();

function syncInert() {
  const top = stack[stack.length - 1];
  for (const el of Array.from(document.body.children)) {
    if (top && el !== top && !el.hasAttribute("data-keep-interactive")) {
      if (!el.hasAttribute("inert")) {
        el.setAttribute("inert", "");
        madeInert.add(el);
      }
    } else if (madeInert.has(el)) {
      el.removeAttribute("inert");
      madeInert.delete(el);
    }
  }
  document.body.style.overflow = top ? "hidden" : "";
}

function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.offsetParent !== null || el === document.activeElement);
}

export interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  /** Focused when the dialog opens; otherwise the first focusable element. */
  initialFocusRef?: RefObject<HTMLElement | null>;
  /** Closing by clicking outside; off for dialogs whose content must not be lost by a stray click. */
  closeOnBackdrop?: boolean;
  size?: "sm" | "md";
  role?: "dialog" | "alertdialog";
  variant?: "center" | "drawer";
  className?: string;
}

export function Dialog(props: DialogProps) {
  if (!props.open) return null;
  return <DialogPanel {...props} />;
}

function DialogPanel({
  onClose,
  title,
  description,
  children,
  footer,
  initialFocusRef,
  closeOnBackdrop = true,
  size = "sm",
  role = "dialog",
  variant = "center",
  className,
}: DialogProps) {
  const titleId = useId();
  const descId = useId();
  const containerRef = useRef<HTMLDivElement | null>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  });

  if (!containerRef.current && typeof document !== "undefined") {
    const el = document.createElement("div");
    el.className = "dialog-root";
    containerRef.current = el;
  }

  useLayoutEffect(() => {
    const container = containerRef.current!;
    const previouslyFocused = document.activeElement as HTMLElement | null;
    document.body.appendChild(container);
    stack.push(container);
    syncInert();
    const target = initialFocusRef?.current ?? (panelRef.current ? focusables(panelRef.current)[0] : null) ?? panelRef.current;
    target?.focus();
    return () => {
      const i = stack.indexOf(container);
      if (i >= 0) stack.splice(i, 1);
      container.remove();
      syncInert();
      if (previouslyFocused && document.contains(previouslyFocused)) previouslyFocused.focus();
    };
    // Runs once per opening; initialFocusRef is read at open time on purpose.
  }, []);

  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (stack[stack.length - 1] !== containerRef.current) return;
      if (e.key === "Escape") {
        if (e.defaultPrevented) return;
        e.preventDefault();
        e.stopPropagation();
        onCloseRef.current();
        return;
      }
      if (e.key !== "Tab" || !panelRef.current) return;
      const items = focusables(panelRef.current);
      if (items.length === 0) {
        e.preventDefault();
        panelRef.current.focus();
        return;
      }
      const first = items[0]!;
      const last = items[items.length - 1]!;
      const active = document.activeElement;
      const inside = panelRef.current.contains(active);
      if (e.shiftKey && (active === first || !inside)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (active === last || !inside)) {
        e.preventDefault();
        first.focus();
      }
    }
    // Bubble phase, so a menu open inside the dialog can take Escape for itself first.
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  return createPortal(
    <div
      className={cx("dialog-backdrop", variant === "drawer" && "dialog-backdrop-drawer")}
      onMouseDown={(e) => {
        if (closeOnBackdrop && e.target === e.currentTarget) onCloseRef.current();
      }}
    >
      <div
        ref={panelRef}
        className={cx("dialog", `dialog-${size}`, variant === "drawer" && "dialog-drawer", className)}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descId : undefined}
        tabIndex={-1}
      >
        <div className="dialog-header">
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          <button type="button" className="icon-btn" onClick={() => onCloseRef.current()} aria-label="Close">
            <CloseIcon />
          </button>
        </div>
        {description && (
          <div id={descId} className="dialog-description">
            {description}
          </div>
        )}
        {children && <div className="dialog-body">{children}</div>}
        {footer && <div className="dialog-footer">{footer}</div>}
      </div>
    </div>,
    containerRef.current!,
  );
}
