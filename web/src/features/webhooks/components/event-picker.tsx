import { useId } from "react";
import { useEventTypes } from "../api/list-event-types";

/** Checkboxes for the event filter; ["*"] means every event, now and future. */
export function EventPicker({ value, onChange, error }: { value: string[]; onChange: (v: string[]) => void; error?: string }) {
  const types = useEventTypes();
  const id = useId();
  const all = value.includes("*");
  return (
    <fieldset className="field event-picker" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="field-label">Events to send</legend>
      <label className="check">
        <input type="checkbox" checked={all} onChange={(e) => onChange(e.target.checked ? ["*"] : [])} />
        <span>
          All events <span className="muted small">(including ones added later)</span>
        </span>
      </label>
      {!all &&
        (types.isPending ? (
          <p className="muted small">Loading event types…</p>
        ) : types.isError ? (
          <p className="field-error">Couldn't load event types. <button type="button" className="link-button" onClick={() => void types.refetch()}>Try again</button></p>
        ) : (
          <div className="event-grid">
            {types.data.data.map((t) => (
              <label key={t.type} className="check">
                <input
                  type="checkbox"
                  checked={value.includes(t.type)}
                  onChange={(e) => onChange(e.target.checked ? [...value, t.type] : value.filter((v) => v !== t.type))}
                />
                <span>
                  <code>{t.type}</code>
                  <span className="check-hint">{t.description}</span>
                </span>
              </label>
            ))}
          </div>
        ))}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
