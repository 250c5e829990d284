// A disclosure popover (button + panel) for small menus. Escape or a click
// outside closes it; focus returns to the button.
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { cx } from "../../lib/cx";

export interface PopoverProps {
  /** Renders the trigger button; spread the given props onto it. */
  trigger: (props: { "aria-expanded": boolean; "aria-controls": string; onClick: () => void; ref: (el: HTMLButtonElement | null) => void }) => ReactNode;
  children: (close: () => void) => ReactNode;
  align?: "start" | "end";
  className?: string;
  label: string;
}

export function Popover({ trigger, children, align = "start", className, label }: PopoverProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement | null>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const first = panelRef.current?.querySelector<HTMLElement>("button, a[href], input");
    first?.focus();
    function onPointer(e: PointerEvent) {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    }
    function onKey(e: KeyboardEvent) {
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
        buttonRef.current?.focus();
      }
    }
    document.addEventListener("pointerdown", onPointer);
    rootRef.current?.addEventListener("keydown", onKey);
    const root = rootRef.current;
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      root?.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <div
      className={cx("popover", className)}
      ref={rootRef}
      onBlur={(e) => {
        // Tabbing out of the menu closes it.
        if (open && e.relatedTarget && !rootRef.current?.contains(e.relatedTarget as Node)) setOpen(false);
      }}
    >
      {trigger({
        "aria-expanded": open,
        "aria-controls": id,
        onClick: () => setOpen((o) => !o),
        ref: (el) => {
          buttonRef.current = el;
        },
      })}
      <div
        id={id}
        ref={panelRef}
        className={cx("popover-panel", `popover-${align}`)}
        hidden={!open}
        role="group"
        aria-label={label}
      >
        {open && children(close)}
      </div>
    </div>
  );
}
