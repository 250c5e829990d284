import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { bookingsKey, type SlotList } from "./types";

export const slotsKey = (days: number) => [...bookingsKey, "slots", days] as const;

/** Free slots from now on, in the availability's time zone. */
export const listSlots = (days: number, signal?: AbortSignal) => api.get<SlotList>("/api/bookings/slots", { query: { from: new Date().toISOString(), days }, signal });

export const slotsQueryOptions = (days: number) => queryOptions({ queryKey: slotsKey(days), queryFn: ({ signal }) => listSlots(days, signal), staleTime: 0 });

export const useSlots = (days: number, opts: { enabled?: boolean } = {}) => useQuery({ ...slotsQueryOptions(days), enabled: opts.enabled ?? true });
