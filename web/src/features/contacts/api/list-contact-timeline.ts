import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import { contactsKey } from "./types";

interface Base {
  id: string;
  at: string;
  conversationId: string | null;
}
export type TimelineItem = Base &
  (
    | { kind: "message"; direction: "inbound" | "outbound"; author: "customer" | "bot" | "agent" | "campaign"; type: string; text: string | null; status: string }
    | { kind: "note"; text: string; authorUserId: string | null }
    | { kind: "answer"; step: string; label: string; answer: string; points: number }
    | { kind: "booking"; event: "booked" | "cancelled"; bookingId: string; start: string; end: string; source: "bot" | "agent" }
  );

/** Under the contacts key, so live contact events refresh it. */
export const contactTimelineKey = (id: string) => [...contactsKey, "timeline", id] as const;

/** Newest first. */
export const listContactTimeline = (id: string, cursor: string | null, signal?: AbortSignal) =>
  api.get<Page<TimelineItem>>(`/api/contacts/${encodeURIComponent(id)}/timeline`, { query: { cursor, limit: 30 }, signal });

export const contactTimelineQueryOptions = (id: string) =>
  infiniteQueryOptions({
    queryKey: contactTimelineKey(id),
    queryFn: ({ pageParam, signal }) => listContactTimeline(id, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const useContactTimeline = (id: string) => useInfiniteQuery(contactTimelineQueryOptions(id));
