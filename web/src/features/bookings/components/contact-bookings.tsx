import { useState } from "react";
import { Button } from "../../../components/ui/button";
import { Skeleton } from "../../../components/ui/skeleton";
import { ErrorState } from "../../../components/ui/states";
import { useBookings } from "../api/list-bookings";
import { toMs } from "../format";
import { useBookingTimezone } from "../use-booking-timezone";
import { BookSlotDialog } from "./book-slot-dialog";
import { BookingList } from "./booking-list";

/** A contact's bookings, upcoming first, with "Book a slot" for the team. */
export function ContactBookings({ contactId, contactName, headingLevel = 3 }: { contactId: string; contactName: string; headingLevel?: 2 | 3 }) {
  const list = useBookings({ contactId, limit: 50 });
  const timeZone = useBookingTimezone();
  const [booking, setBooking] = useState(false);
  const now = Date.now();
  const all = list.data?.data ?? [];
  const isUpcoming = (b: (typeof all)[number]) => b.status === "confirmed" && toMs(b.end) > now;
  const upcoming = all.filter(isUpcoming).sort((a, b) => toMs(a.start) - toMs(b.start));
  const past = all.filter((b) => !isUpcoming(b)).sort((a, b) => toMs(b.start) - toMs(a.start));
  const Heading = headingLevel === 2 ? "h2" : "h3";

  return (
    <section className="contact-bookings stack" aria-label="Bookings">
      <div className="section-head">
        <Heading className={headingLevel === 2 ? "card-title" : "subheading"}>Bookings</Heading>
        <Button size="sm" onClick={() => setBooking(true)}>
          Book a slot
        </Button>
      </div>
      {list.isPending ? (
        <div className="stack" role="status" aria-label="Loading bookings">
          <Skeleton height={36} />
        </div>
      ) : list.isError ? (
        <ErrorState error={list.error} what="the bookings" onRetry={() => void list.refetch()} retrying={list.isFetching} />
      ) : all.length === 0 ? (
        <p className="muted small">No bookings yet. The bot books a slot when the customer asks for one, or use “Book a slot” to book on their behalf.</p>
      ) : (
        <>
          {upcoming.length > 0 ? (
            <BookingList bookings={upcoming} timeZone={timeZone} label="Upcoming bookings" />
          ) : (
            <p className="muted small">Nothing upcoming.</p>
          )}
          {past.length > 0 && (
            <div className="stack-sm">
              <p className="booking-group-label">Past and cancelled</p>
              <BookingList bookings={past} timeZone={timeZone} label="Past and cancelled bookings" />
            </div>
          )}
        </>
      )}
      <BookSlotDialog open={booking} contactId={contactId} contactName={contactName} onClose={() => setBooking(false)} />
    </section>
  );
}
