// Shapes of the bookings API, mirroring worker/routes/flows.ts. Times are ISO-8601 (UTC).
export interface Booking {
  id: string;
  contactId: string;
  conversationId: string | null;
  contact: { id: string; name: string | null; phone: string };
  start: string;
  end: string;
  status: "confirmed" | "cancelled";
  source: "bot" | "agent";
  note: string | null;
  createdAt: string;
  cancelledAt: string | null;
}

export interface Slot {
  start: string;
  end: string;
}

export interface SlotList {
  /** False while bookings are off: then there are no slots. */
  enabled: boolean;
  timezone: string;
  slotMinutes: number;
  data: Slot[];
}

export interface BookingFilters {
  contactId?: string;
  status?: Booking["status"];
  /** "now" is resolved when the request is made. */
  from?: Date | "now";
  to?: Date;
  limit?: number;
}

export const bookingsKey = ["bookings"] as const;
