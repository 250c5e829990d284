import { Card } from "../../../components/ui/card";
import { TableSkeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { useBookings } from "../api/list-bookings";
import { useBookingTimezone } from "../use-booking-timezone";
import { BookingList } from "./booking-list";

const LIMIT = 10;

/** The next confirmed bookings across all contacts. */
export function UpcomingBookingsCard() {
  const list = useBookings({ status: "confirmed", from: "now", limit: LIMIT });
  const timeZone = useBookingTimezone();
  // The API answers soonest first.
  const bookings = list.data?.data ?? [];
  return (
    <Card title="Upcoming bookings" description={list.data?.nextCursor ? `The next ${LIMIT} confirmed bookings. Each contact's page lists all of theirs.` : "Confirmed bookings from now on."}>
      {list.isPending ? (
        <TableSkeleton rows={2} columns={3} label="Loading upcoming bookings" />
      ) : list.isError ? (
        <ErrorState error={list.error} what="the upcoming bookings" onRetry={() => void list.refetch()} retrying={list.isFetching} />
      ) : bookings.length === 0 ? (
        <EmptyState title="No upcoming bookings">
          When a customer books a slot with the bot, or your team books one from a contact's page, it shows here.
        </EmptyState>
      ) : (
        <BookingList bookings={bookings} timeZone={timeZone} showContact label="Upcoming bookings" />
      )}
    </Card>
  );
}
