import { useMemo, useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { SelectField, TextField } from "../../../components/ui/field";
import { useForm } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { WEEKDAYS, type BookingSettings, type BotSettings, type HoursRange, type Weekday } from "../api/types";
import { useUpdateBotSettings } from "../api/update-bot-settings";
import { DAY_NAMES, timeZones } from "../weekdays";
import { WeeklyHoursFieldset } from "./weekly-hours-fieldset";

const LABELS = {
  "booking.timezone": "Time zone",
  "booking.slotMinutes": "Slot length (minutes)",
  "booking.daysAhead": "Days ahead",
  "booking.minNoticeMinutes": "Minimum notice (minutes)",
  "booking.offerCount": "Slots offered at a time",
  "booking.reminderHours": "Reminder before the slot",
  "booking.days": "Available hours",
};

const DEFAULT_BOOKING: BookingSettings = {
  enabled: false,
  timezone: "UTC",
  slotMinutes: 30,
  daysAhead: 14,
  minNoticeMinutes: 120,
  offerCount: 3,
  reminderHours: 24,
  reminderTemplate: null,
  days: { mon: [{ start: "09:00", end: "17:00" }], tue: [{ start: "09:00", end: "17:00" }], wed: [{ start: "09:00", end: "17:00" }], thu: [{ start: "09:00", end: "17:00" }], fri: [{ start: "09:00", end: "17:00" }], sat: [], sun: [] },
};

const wholeIn = (raw: string, min: number, max: number) => {
  const n = Number(raw);
  return raw.trim() !== "" && Number.isInteger(n) && n >= min && n <= max ? n : null;
};

function noticeHint(raw: string): string {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) return "Customers can book a slot starting right away.";
  const days = Math.floor(n / 1440);
  const hours = Math.floor((n % 1440) / 60);
  const minutes = n % 60;
  const parts = [days && `${days} day${days === 1 ? "" : "s"}`, hours && `${hours} hour${hours === 1 ? "" : "s"}`, minutes && `${minutes} minute${minutes === 1 ? "" : "s"}`].filter(Boolean);
  return `The earliest slot offered is ${parts.join(" ")} from now.`;
}

/** When customers can book a time, and how many free slots the bot offers at once. */
export function BookingCard({ settings, canEdit }: { settings: BotSettings; canEdit: boolean }) {
  const b = settings.booking ?? DEFAULT_BOOKING;
  const save = useUpdateBotSettings();
  const form = useForm(LABELS);
  const [enabled, setEnabled] = useState(b.enabled);
  const [timezone, setTimezone] = useState(b.timezone);
  const [slotMinutes, setSlotMinutes] = useState(String(b.slotMinutes));
  const [daysAhead, setDaysAhead] = useState(String(b.daysAhead));
  const [notice, setNotice] = useState(String(b.minNoticeMinutes));
  const [offerCount, setOfferCount] = useState(String(b.offerCount));
  const [reminderHours, setReminderHours] = useState(String(b.reminderHours ?? 24));
  const [days, setDays] = useState<Record<Weekday, HoursRange[]>>(b.days);
  const zones = useMemo(() => timeZones(b.timezone), [b.timezone]);

  const setDay = (d: Weekday, ranges: HoursRange[]) => setDays((prev) => ({ ...prev, [d]: ranges }));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const slot = wholeIn(slotMinutes, 15, 240);
    const ahead = wholeIn(daysAhead, 1, 60);
    const min = wholeIn(notice, 0, 10080);
    const offer = wholeIn(offerCount, 1, 6);
    const remind = wholeIn(reminderHours, 0, 168);
    const bad = WEEKDAYS.find((d) => days[d].some((r) => !r.start || !r.end || r.end <= r.start));
    const open = WEEKDAYS.some((d) => days[d].length > 0);
    const ok = form.check({
      "booking.slotMinutes": slot === null ? "Use a whole number of minutes from 15 to 240" : undefined,
      "booking.daysAhead": ahead === null ? "Use a whole number of days from 1 to 60" : undefined,
      "booking.minNoticeMinutes": min === null ? "Use a whole number of minutes from 0 to 10080 (a week)" : undefined,
      "booking.offerCount": offer === null ? "Choose from 1 to 6" : undefined,
      "booking.days": bad ? `${DAY_NAMES[bad]}: the end time must be after the start time` : enabled && !open ? "Pick at least one day, or customers can't book anything" : undefined,
    });
    if (!ok || slot === null || ahead === null || min === null || offer === null || remind === null) return;
    save.mutate(
      { booking: { enabled, timezone, slotMinutes: slot, daysAhead: ahead, minNoticeMinutes: min, offerCount: offer, reminderHours: remind, days } },
      {
        onSuccess: (s) => toast({ tone: "success", title: "Availability saved", description: s.booking?.enabled ? "The bot offers free slots to customers who ask to book." : "Bookings are off." }),
        onError: form.showServerError,
      },
    );
  }

  return (
    <Card title="Bookings" description="The times customers can book with you. The bot offers only free slots inside these hours, and never two customers the same slot.">
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Availability">
        {form.formError && <Alert>{form.formError}</Alert>}
        <fieldset className="fieldset" disabled={!canEdit}>
          <label className="checkbox-row">
            <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
            <span>
              Let customers book a slot
              <span className="check-hint">When a customer asks to book, or finishes the qualification questions, the bot offers the next free slots as a numbered list.</span>
            </span>
          </label>
          {enabled && (
            <>
              <div className="form-grid">
                <SelectField
                  label={LABELS["booking.timezone"]}
                  name="booking.timezone"
                  value={timezone}
                  onChange={(e) => setTimezone(e.target.value)}
                  options={zones.map((z) => ({ value: z, label: z.replace(/_/g, " ") }))}
                  hint="The hours below, and the times the bot writes, are in this time zone."
                  error={form.errors["booking.timezone"]}
                />
                <TextField
                  label={LABELS["booking.slotMinutes"]}
                  name="booking.slotMinutes"
                  type="number"
                  inputMode="numeric"
                  min={15}
                  max={240}
                  step={5}
                  value={slotMinutes}
                  onChange={(e) => setSlotMinutes(e.target.value)}
                  hint="How long each booking lasts: 15 to 240."
                  error={form.errors["booking.slotMinutes"]}
                />
                <TextField
                  label={LABELS["booking.daysAhead"]}
                  name="booking.daysAhead"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={60}
                  value={daysAhead}
                  onChange={(e) => setDaysAhead(e.target.value)}
                  hint="How far ahead customers can book: 1 to 60 days."
                  error={form.errors["booking.daysAhead"]}
                />
                <TextField
                  label={LABELS["booking.minNoticeMinutes"]}
                  name="booking.minNoticeMinutes"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={10080}
                  value={notice}
                  onChange={(e) => setNotice(e.target.value)}
                  hint={noticeHint(notice)}
                  error={form.errors["booking.minNoticeMinutes"]}
                />
                <SelectField
                  label={LABELS["booking.offerCount"]}
                  name="booking.offerCount"
                  value={offerCount}
                  onChange={(e) => setOfferCount(e.target.value)}
                  options={[1, 2, 3, 4, 5, 6].map((n) => ({ value: String(n), label: String(n) }))}
                  hint="How many free slots the bot lists in one message."
                  error={form.errors["booking.offerCount"]}
                />
                <SelectField
                  label={LABELS["booking.reminderHours"]}
                  name="booking.reminderHours"
                  value={reminderHours}
                  onChange={(e) => setReminderHours(e.target.value)}
                  options={[...new Set([0, 1, 2, 3, 6, 12, 24, 48, 72, Number(reminderHours)])]
                    .sort((x, y) => x - y)
                    .map((h) => ({ value: String(h), label: h === 0 ? "No reminder" : `${h} hour${h === 1 ? "" : "s"} before` }))}
                  hint="The bot reminds the customer in the chat. Outside WhatsApp's 24-hour window only an approved reminder template can be sent (set with the API); without one the reminder is skipped."
                  error={form.errors["booking.reminderHours"]}
                />
              </div>
              <WeeklyHoursFieldset
                legend={LABELS["booking.days"]}
                days={days}
                onChange={setDay}
                error={form.errors["booking.days"]}
                errorId="booking-hours-error"
                fromLabel="bookable from"
                untilLabel="bookable until"
                offLabel="Not bookable"
              />
            </>
          )}
        </fieldset>
        {canEdit && (
          <div className="form-actions">
            <Button type="submit" variant="primary" loading={save.isPending}>
              Save availability
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}
