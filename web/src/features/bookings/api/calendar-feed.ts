import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { bookingsKey } from "./types";
import type { Schema } from "../../../api";

/** The calendar feed: whether a URL is in use. `url` is present only in the answer that made it. */
export type CalendarFeed = Schema<"CalendarFeed">;

export const calendarFeedKey = [...bookingsKey, "calendar-feed"] as const;

export const calendarFeedQueryOptions = () => queryOptions({ queryKey: calendarFeedKey, queryFn: ({ signal }) => api.get<CalendarFeed>("/api/bookings/calendar-feed", { signal }) });

export const useCalendarFeed = () => useQuery(calendarFeedQueryOptions());

/** Makes a new feed URL; the previous one stops working. */
export const rotateCalendarFeed = () => api.post<CalendarFeed>("/api/bookings/calendar-feed/rotate");

export function useRotateCalendarFeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: rotateCalendarFeed,
    onSuccess: (feed) => qc.setQueryData<CalendarFeed>(calendarFeedKey, { active: feed.active, createdAt: feed.createdAt }),
  });
}

/** The .ics file of one booking, downloaded with the session cookie. */
export const bookingIcsUrl = (id: string) => `/api/bookings/${encodeURIComponent(id)}/ics`;
