import { useEffect, useId, useRef, useState } from "react";
import { Button } from "./button";
import { CheckIcon, CopyIcon } from "./icons";

async function copyText(text: string, fallbackInput: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (permissions, older browser): select the text so Ctrl+C works.
    if (fallbackInput) {
      fallbackInput.focus();
      fallbackInput.select();
    }
    return false;
  }
}

/** A read-only value (a link, a secret) with a copy button. */
export function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<"idle" | "copied" | "manual">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="copy-field">
        <input
          ref={inputRef}
          id={id}
          className="input input-mono"
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
        <Button
          onClick={async () => setState((await copyText(value, inputRef.current)) ? "copied" : "manual")}
          icon={state === "copied" ? <CheckIcon /> : <CopyIcon />}
          aria-label={`Copy ${label.toLowerCase()}`}
        >
          {state === "copied" ? "Copied" : "Copy"}
        </Button>
      </div>
      <p className="field-hint" id={`${id}-hint`} aria-live="polite">
        {state === "copied" ? "Copied to your clipboard." : state === "manual" ? "Selected. Press Ctrl+C (or ⌘+C) to copy." : hint}
      </p>
    </div>
  );
}
