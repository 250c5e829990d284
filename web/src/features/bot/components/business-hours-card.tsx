import { useMemo, useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { SelectField } from "../../../components/ui/field";
import { TextAreaField } from "../../../components/ui/textarea-field";
import { useForm } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { WEEKDAYS, type BotSettings, type HoursRange, type Weekday } from "../api/types";
import { useUpdateBotSettings } from "../api/update-bot-settings";
import { DAY_NAMES, timeZones } from "../weekdays";

const LABELS = { "businessHours.timezone": "Time zone", "businessHours.awayMessage": "Away message", "businessHours.days": "Opening hours" };

/** Opening hours per weekday (one range a day) and the message sent outside them. */
export function BusinessHoursCard({ settings, canEdit }: { settings: BotSettings; canEdit: boolean }) {
  const bh = settings.businessHours;
  const save = useUpdateBotSettings();
  const form = useForm(LABELS);
  const [enabled, setEnabled] = useState(bh.enabled);
  const [timezone, setTimezone] = useState(bh.timezone);
  const [days, setDays] = useState<Record<Weekday, HoursRange[]>>(bh.days);
  const [away, setAway] = useState(bh.awayMessage);
  const zones = useMemo(() => timeZones(bh.timezone), [bh.timezone]);

  const setDay = (d: Weekday, ranges: HoursRange[]) => setDays((prev) => ({ ...prev, [d]: ranges }));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const bad = WEEKDAYS.find((d) => days[d].some((r) => !r.start || !r.end || r.end <= r.start));
    if (!form.check({ "businessHours.days": bad ? `${DAY_NAMES[bad]}: the closing time must be after the opening time` : undefined })) return;
    save.mutate(
      { businessHours: { enabled, timezone, days, awayMessage: away.trim() } },
      { onSuccess: () => toast({ tone: "success", title: "Business hours saved" }), onError: form.showServerError },
    );
  }

  return (
    <Card title="Business hours" description="Outside these hours the assistant sends the away message and hands the conversation to your team.">
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Business hours">
        {form.formError && <Alert>{form.formError}</Alert>}
        <fieldset className="fieldset" disabled={!canEdit}>
          <label className="checkbox-row">
            <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
            <span>Only answer during business hours</span>
          </label>
          {enabled && (
            <>
              <SelectField
                label={LABELS["businessHours.timezone"]}
                name="businessHours.timezone"
                value={timezone}
                onChange={(e) => setTimezone(e.target.value)}
                options={zones.map((z) => ({ value: z, label: z.replace(/_/g, " ") }))}
                error={form.errors["businessHours.timezone"]}
              />
              <fieldset className="hours-grid" aria-describedby={form.errors["businessHours.days"] ? "hours-error" : undefined}>
                <legend className="field-label">{LABELS["businessHours.days"]}</legend>
                {WEEKDAYS.map((d) => {
                  const range = days[d][0];
                  return (
                    <div className="hours-row" key={d}>
                      <label className="checkbox-row hours-day">
                        <input type="checkbox" checked={!!range} onChange={(e) => setDay(d, e.target.checked ? [{ start: "09:00", end: "17:00" }] : [])} />
                        <span>{DAY_NAMES[d]}</span>
                      </label>
                      {range ? (
                        <div className="hours-times">
                          <input
                            type="time"
                            className="input input-sm"
                            aria-label={`${DAY_NAMES[d]} opens at`}
                            value={range.start}
                            onChange={(e) => setDay(d, [{ ...range, start: e.target.value }, ...days[d].slice(1)])}
                          />
                          <span aria-hidden="true">–</span>
                          <input
                            type="time"
                            className="input input-sm"
                            aria-label={`${DAY_NAMES[d]} closes at`}
                            value={range.end}
                            onChange={(e) => setDay(d, [{ ...range, end: e.target.value }, ...days[d].slice(1)])}
                          />
                          {days[d].length > 1 && <span className="muted small">+{days[d].length - 1} more</span>}
                        </div>
                      ) : (
                        <span className="muted small">Closed</span>
                      )}
                    </div>
                  );
                })}
                {form.errors["businessHours.days"] && (
                  <p id="hours-error" className="field-error">
                    {form.errors["businessHours.days"]}
                  </p>
                )}
              </fieldset>
              <TextAreaField
                label={LABELS["businessHours.awayMessage"]}
                name="businessHours.awayMessage"
                rows={2}
                maxLength={1000}
                value={away}
                onChange={(e) => setAway(e.target.value)}
                error={form.errors["businessHours.awayMessage"]}
              />
            </>
          )}
        </fieldset>
        {canEdit && (
          <div className="form-actions">
            <Button type="submit" variant="primary" loading={save.isPending}>
              Save business hours
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}
