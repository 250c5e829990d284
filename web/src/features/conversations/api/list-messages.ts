import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import { conversationsKey, type Message } from "./types";

export const messagesKey = (conversationId: string) => [...conversationsKey, "messages", conversationId] as const;

/** Newest first, as the API answers. */
export const listMessages = (conversationId: string, cursor: string | null, signal?: AbortSignal) =>
  api.get<Page<Message>>(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, { query: { cursor, limit: 50 }, signal });

export const messagesQueryOptions = (conversationId: string, pollMs: number | false = false) =>
  infiniteQueryOptions({
    queryKey: messagesKey(conversationId),
    queryFn: ({ pageParam, signal }) => listMessages(conversationId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: pollMs,
  });

export const useMessages = (conversationId: string, pollMs: number | false = false) => useInfiniteQuery(messagesQueryOptions(conversationId, pollMs));
