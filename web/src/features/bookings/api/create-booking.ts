import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { contactTimelineKey } from "../../contacts/api/list-contact-timeline";
import { bookingsKey, type Booking } from "./types";
import type { RequestBody } from "../../../api";

export type NewBooking = RequestBody<"/api/bookings", "post">;

/** Books a free slot for a contact; 409 slot_unavailable when someone else took it first. */
export const createBooking = (input: NewBooking) => api.post<Booking>("/api/bookings", input);

export function useCreateBooking() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createBooking,
    onSettled: (_b, _err, input) => Promise.all([qc.invalidateQueries({ queryKey: bookingsKey }), qc.invalidateQueries({ queryKey: contactTimelineKey(input.contactId) })]),
  });
}
