import { WEEKDAYS, type HoursRange, type Weekday } from "../api/types";
import { DAY_NAMES } from "../weekdays";

interface Props {
  legend: string;
  days: Record<Weekday, HoursRange[]>;
  onChange: (day: Weekday, ranges: HoursRange[]) => void;
  error?: string;
  errorId: string;
  /** Completes "Monday …": "opens at" / "closes at", "bookable from" / "bookable until". */
  fromLabel: string;
  untilLabel: string;
  /** What a day without hours says: "Closed", "Not bookable". */
  offLabel: string;
}

/** One time range per weekday, each day switched on or off; extra stored ranges are kept and counted. */
export function WeeklyHoursFieldset({ legend, days, onChange, error, errorId, fromLabel, untilLabel, offLabel }: Props) {
  return (
    <fieldset className="hours-grid" aria-describedby={error ? errorId : undefined}>
      <legend className="field-label">{legend}</legend>
      {WEEKDAYS.map((d) => {
        const range = days[d][0];
        return (
          <div className="hours-row" key={d}>
            <label className="checkbox-row hours-day">
              <input type="checkbox" checked={!!range} onChange={(e) => onChange(d, e.target.checked ? [{ start: "09:00", end: "17:00" }] : [])} />
              <span>{DAY_NAMES[d]}</span>
            </label>
            {range ? (
              <div className="hours-times">
                <input
                  type="time"
                  className="input input-sm"
                  aria-label={`${DAY_NAMES[d]} ${fromLabel}`}
                  value={range.start}
                  onChange={(e) => onChange(d, [{ ...range, start: e.target.value }, ...days[d].slice(1)])}
                />
                <span aria-hidden="true">–</span>
                <input
                  type="time"
                  className="input input-sm"
                  aria-label={`${DAY_NAMES[d]} ${untilLabel}`}
                  value={range.end}
                  onChange={(e) => onChange(d, [{ ...range, end: e.target.value }, ...days[d].slice(1)])}
                />
                {days[d].length > 1 && <span className="muted small">+{days[d].length - 1} more</span>}
              </div>
            ) : (
              <span className="muted small">{offLabel}</span>
            )}
          </div>
        );
      })}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
