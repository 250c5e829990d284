import { useMemo, useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { TextField } from "../../../components/ui/field";
import { Skeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { isApiError } from "../../../lib/api";
import { describeError } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useBotSettings } from "../../bot/api/get-bot-settings";
import { useCreateBooking } from "../api/create-booking";
import { useSlots } from "../api/list-slots";
import type { Slot } from "../api/types";
import { dayKey, formatDay, formatSlot, formatTime, zoneName } from "../format";
import "../bookings.css";

/** Book a free slot for a contact on their behalf. */
export function BookSlotDialog({ open, contactId, contactName, onClose }: { open: boolean; contactId: string; contactName: string; onClose: () => void }) {
  if (!open) return null;
  return <BookSlotForm contactId={contactId} contactName={contactName} onClose={onClose} />;
}

function BookSlotForm({ contactId, contactName, onClose }: { contactId: string; contactName: string; onClose: () => void }) {
  const settings = useBotSettings();
  const days = settings.data?.booking?.daysAhead ?? 14;
  const slots = useSlots(days, { enabled: !settings.isPending });
  const create = useCreateBooking();
  const [picked, setPicked] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [taken, setTaken] = useState(false);
  const timeZone = slots.data?.timezone;
  const bookingsOff = slots.data ? !slots.data.enabled : settings.data?.booking?.enabled === false;

  const byDay = useMemo(() => {
    const groups: Array<{ key: string; label: string; slots: Slot[] }> = [];
    for (const s of slots.data?.data ?? []) {
      const key = dayKey(s.start, timeZone);
      let g = groups[groups.length - 1];
      if (!g || g.key !== key) {
        g = { key, label: formatDay(s.start, timeZone), slots: [] };
        groups.push(g);
      }
      g.slots.push(s);
    }
    return groups;
  }, [slots.data, timeZone]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (picked === null) return setError("Pick a time first.");
    setError(null);
    setTaken(false);
    create.mutate(
      { contactId, start: picked, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: (b) => {
          toast({ tone: "success", title: "Slot booked", description: `${contactName}: ${formatSlot(b.start, b.end, timeZone)}` });
          onClose();
        },
        onError: (err) => {
          if (isApiError(err) && err.status === 409) {
            // Someone (often the bot, for another customer) took it a moment ago.
            setTaken(true);
            setPicked(null);
            void slots.refetch();
            return;
          }
          if (isApiError(err) && err.status < 500 && err.status !== 401) setError(err.fieldErrors.note ? `The note ${err.fieldErrors.note}` : describeError(err));
        },
      },
    );
  }

  const list = slots.data?.data ?? [];
  return (
    <Dialog open onClose={() => !create.isPending && onClose()} title={`Book a slot for ${contactName}`} size="md" description="Pick one of the free times from your availability. The customer isn't messaged; tell them in the conversation.">
      <form className="form" onSubmit={onSubmit} noValidate aria-label="Book a slot">
        {taken && (
          <Alert tone="info" title="That time was just taken">
            Someone booked it a moment ago. The list below shows the times that are still free.
          </Alert>
        )}
        {error && <Alert>{error}</Alert>}
        {settings.isPending || slots.isPending ? (
          <div className="stack" role="status" aria-label="Loading free times">
            <Skeleton height={20} width="40%" />
            <Skeleton height={40} />
            <Skeleton height={40} />
          </div>
        ) : slots.isError ? (
          <ErrorState error={slots.error} what="the free times" onRetry={() => void slots.refetch()} retrying={slots.isFetching} />
        ) : list.length === 0 ? (
          <EmptyState title="No free times">
            {bookingsOff
              ? "Bookings are off. An owner or admin can turn them on and set the available hours under Bookings in Bot studio."
              : `Every slot in the next ${days} days is booked or outside your available hours. Widen the hours under Bookings in Bot studio.`}
          </EmptyState>
        ) : (
          <fieldset className="slot-picker" aria-busy={slots.isFetching || undefined}>
            <legend className="field-label">
              Free times <span className="field-optional">({zoneName(list[0]!.start, timeZone)})</span>
            </legend>
            {byDay.map((g) => (
              <div key={g.key} className="slot-day" role="group" aria-label={g.label}>
                <p className="slot-day-label">{g.label}</p>
                <div className="slot-options">
                  {g.slots.map((s) => (
                    <label key={s.start} className={picked === s.start ? "slot-option slot-option-picked" : "slot-option"}>
                      <input
                        type="radio"
                        name="slot"
                        value={s.start}
                        checked={picked === s.start}
                        onChange={() => {
                          setPicked(s.start);
                          setError(null);
                        }}
                      />
                      <span>
                        {formatTime(s.start, timeZone)}
                        <span className="visually-hidden"> to {formatTime(s.end, timeZone)}</span>
                      </span>
                    </label>
                  ))}
                </div>
              </div>
            ))}
          </fieldset>
        )}
        <TextField label="Note" name="note" optional maxLength={1000} placeholder="e.g. Viewing at Jl. Kemang 12" value={note} onChange={(e) => setNote(e.target.value)} hint="Only your team sees it." />
        <div className="form-actions">
          <Button onClick={onClose} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={create.isPending} disabled={list.length === 0}>
            {picked !== null ? `Book ${formatDay(picked, timeZone)}, ${formatTime(picked, timeZone)}` : "Book slot"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
