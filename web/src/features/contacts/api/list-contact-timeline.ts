import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import { contactsKey } from "./types";
import type { Schema } from "../../../api";

export type TimelineItem = Schema<"TimelineItem">;

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
