// Shapes of the bookings API, mirroring worker/routes/flows.ts. Times are ISO-8601 (UTC).
import type { Schema } from "../../../api";
export type Booking = Schema<"Booking">;

export type Slot = SlotList["data"][number];

export type SlotList = Schema<"FreeSlots">;

export interface BookingFilters {
  contactId?: string;
  status?: Booking["status"];
  /** "now" is resolved when the request is made. */
  from?: Date | "now";
  to?: Date;
  limit?: number;
}

export const bookingsKey = ["bookings"] as const;
