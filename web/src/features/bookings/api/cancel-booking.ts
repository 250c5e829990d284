import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { contactTimelineKey } from "../../contacts/api/list-contact-timeline";
import { bookingsKey, type Booking } from "./types";

export const cancelBooking = (id: string) => api.post<Booking>(`/api/bookings/${encodeURIComponent(id)}/cancel`);

export function useCancelBooking() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: cancelBooking,
    onSuccess: (b) => Promise.all([qc.invalidateQueries({ queryKey: bookingsKey }), qc.invalidateQueries({ queryKey: contactTimelineKey(b.contactId) })]),
  });
}
