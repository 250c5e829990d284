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
import { WeeklyHoursFieldset } from "./weekly-hours-fieldset";

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
              <WeeklyHoursFieldset
                legend={LABELS["businessHours.days"]}
                days={days}
                onChange={setDay}
                error={form.errors["businessHours.days"]}
                errorId="hours-error"
                fromLabel="opens at"
                untilLabel="closes at"
                offLabel="Closed"
              />
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
