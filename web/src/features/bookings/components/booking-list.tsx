import { useState } from "react";
import { Link } from "react-router";
import { Badge } from "../../../components/ui/badge";
import { Button, buttonClass } from "../../../components/ui/button";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { CheckIcon, CloseIcon } from "../../../components/ui/icons";
import { notifyRefusal } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { bookingIcsUrl } from "../api/calendar-feed";
import { useCancelBooking } from "../api/cancel-booking";
import type { Booking } from "../api/types";
import { formatDay, formatTime, formatSlot, toMs, zoneName } from "../format";
import "../bookings.css";

const contactName = (b: Booking) => b.contact.name?.trim() || b.contact.phone;

/** A list of bookings with their status in words, and a cancel button (asks first) for confirmed ones. */
export function BookingList({ bookings, timeZone, showContact = false, label, canCancel = true }: { bookings: Booking[]; timeZone?: string; showContact?: boolean; label: string; canCancel?: boolean }) {
  const cancel = useCancelBooking();
  const [cancelling, setCancelling] = useState<Booking | null>(null);
  const now = Date.now();

  function confirmCancel() {
    if (!cancelling) return;
    cancel.mutate(cancelling.id, {
      onSuccess: () => {
        toast({ tone: "success", title: "Booking cancelled", description: `${formatSlot(cancelling.start, cancelling.end, timeZone)} is free again.` });
        setCancelling(null);
      },
      onError: (e) => notifyRefusal("Couldn't cancel the booking", e),
    });
  }

  return (
    <>
      <ul className="booking-list" aria-label={label}>
        {bookings.map((b) => {
          const cancelled = b.status === "cancelled";
          const past = !cancelled && toMs(b.end) <= now;
          return (
            <li key={b.id} className={cancelled ? "booking booking-cancelled" : "booking"}>
              <div className="booking-when">
                <span className="booking-day">{formatDay(b.start, timeZone)}</span>
                <span className="booking-time">
                  {formatTime(b.start, timeZone)}–{formatTime(b.end, timeZone)} <span className="muted small">{zoneName(b.start, timeZone)}</span>
                </span>
              </div>
              <div className="booking-info">
                {showContact && (
                  <Link className="cell-strong" to={`/contacts/${encodeURIComponent(b.contactId)}`}>
                    {contactName(b)}
                  </Link>
                )}
                <span className="booking-meta">
                  {cancelled ? (
                    <Badge tone="neutral" icon={<CloseIcon size={13} />}>
                      Cancelled
                    </Badge>
                  ) : past ? (
                    <Badge tone="neutral" icon={<CheckIcon size={13} />}>
                      Took place
                    </Badge>
                  ) : (
                    <Badge tone="success" icon={<CheckIcon size={13} />}>
                      Confirmed
                    </Badge>
                  )}
                  <span className="muted small">{b.source === "bot" ? "Booked by the bot" : "Booked by your team"}</span>
                </span>
                {b.note && <span className="muted small booking-note">{b.note}</span>}
              </div>
              <span className="booking-actions">
              <a
                className={buttonClass("ghost", "sm")}
                href={bookingIcsUrl(b.id)}
                download={`booking-${b.id}.ics`}
                aria-label={`Add to calendar: the booking on ${formatSlot(b.start, b.end, timeZone)} as an .ics file`}
              >
                Add to calendar
              </a>
              {canCancel && !cancelled && !past && (
                <Button size="sm" variant="ghost" className="btn-danger-text" onClick={() => setCancelling(b)} aria-label={`Cancel the booking on ${formatSlot(b.start, b.end, timeZone)}`}>
                  Cancel
                </Button>
              )}
              </span>
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={cancelling !== null}
        title="Cancel this booking?"
        confirmLabel="Cancel booking"
        cancelLabel="Keep booking"
        onConfirm={confirmCancel}
        onCancel={() => {
          setCancelling(null);
          cancel.reset();
        }}
        pending={cancel.isPending}
        error={cancel.error}
      >
        {cancelling && (
          <>
            {showContact ? `${contactName(cancelling)}'s booking on ` : "The booking on "}
            {formatSlot(cancelling.start, cancelling.end, timeZone)} will be cancelled, and the slot becomes free for other customers.
          </>
        )}
      </ConfirmDialog>
    </>
  );
}
