import { useId, type ReactNode, type TextareaHTMLAttributes } from "react";
import { cx } from "../../lib/cx";
import { AlertIcon } from "./icons";

export interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> {
  label: string;
  name: string;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
}

/** A labelled multi-line input with hint and error, like TextField. */
export function TextAreaField({ label, hint, error, optional, className, ...textarea }: TextAreaFieldProps) {
  const id = useId();
  return (
    <div className={cx("field", error && "field-invalid")}>
      <label htmlFor={id} className="field-label">
        {label}
        {optional && <span className="field-optional"> (optional)</span>}
      </label>
      <textarea
        id={id}
        className={cx("input textarea", className)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        {...textarea}
      />
      {hint && !error && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          <AlertIcon size={15} />
          {error}
        </p>
      )}
    </div>
  );
}
