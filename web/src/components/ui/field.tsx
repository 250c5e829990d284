import { useId, useState, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";
import { cx } from "../../lib/cx";
import { AlertIcon } from "./icons";

interface FieldShellProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  hideLabel?: boolean;
  children: ReactNode;
  className?: string;
}

function FieldShell({ id, label, hint, error, optional, hideLabel, children, className }: FieldShellProps) {
  return (
    <div className={cx("field", error && "field-invalid", className)}>
      <label htmlFor={id} className={cx("field-label", hideLabel && "visually-hidden")}>
        {label}
        {optional && <span className="field-optional"> (optional)</span>}
      </label>
      {children}
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

function describedBy(id: string, hint: unknown, error: unknown) {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  label: string;
  name: string;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  hideLabel?: boolean;
  fieldClassName?: string;
}

export function TextField({ label, hint, error, optional, hideLabel, fieldClassName, className, ...input }: TextFieldProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} optional={optional} hideLabel={hideLabel} className={fieldClassName}>
      <input
        id={id}
        className={cx("input", className)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
    </FieldShell>
  );
}

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> {
  label: string;
  name: string;
  hint?: ReactNode;
  error?: string;
  hideLabel?: boolean;
  options: Array<{ value: string; label: string }>;
  fieldClassName?: string;
}

export function SelectField({ label, hint, error, hideLabel, options, fieldClassName, className, ...select }: SelectFieldProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} hideLabel={hideLabel} className={fieldClassName}>
      <select
        id={id}
        className={cx("input select", className)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A password input with a show/hide toggle (handy on phones). */
export function PasswordField({ label, hint, error, fieldClassName, className, ...input }: Omit<TextFieldProps, "type" | "hideLabel" | "optional">) {
  const id = useId();
  const [visible, setVisible] = useState(false);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={fieldClassName}>
      <div className="input-group">
        <input
          id={id}
          type={visible ? "text" : "password"}
          className={cx("input", className)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          {...input}
        />
        <button type="button" className="input-addon" onClick={() => setVisible((v) => !v)} aria-pressed={visible} aria-label={visible ? "Hide password" : "Show password"}>
          {visible ? "Hide" : "Show"}
        </button>
      </div>
    </FieldShell>
  );
}
