import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import { bookingsKey, type Booking, type BookingFilters } from "./types";

export const bookingListKey = (filters: BookingFilters) => [...bookingsKey, "list", filters] as const;

export const listBookings = (filters: BookingFilters, signal?: AbortSignal) =>
  api.get<Page<Booking>>("/api/bookings", {
    query: { contactId: filters.contactId, status: filters.status, from: (filters.from === "now" ? new Date() : filters.from)?.toISOString(), to: filters.to?.toISOString(), limit: filters.limit },
    signal,
  });

export const bookingsQueryOptions = (filters: BookingFilters) =>
  queryOptions({ queryKey: bookingListKey(filters), queryFn: ({ signal }) => listBookings(filters, signal) });

export const useBookings = (filters: BookingFilters, opts: { enabled?: boolean } = {}) => useQuery({ ...bookingsQueryOptions(filters), enabled: opts.enabled ?? true });
