import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import { conversationsKey, type ListedConversation } from "./types";

export interface ConversationFilters {
  mode?: "bot" | "human";
  assigned?: "me" | "unassigned";
  unread?: "true";
  status?: "open" | "closed";
  /** Searched on the server: contact name, phone number or words of any message. */
  q?: string;
}

export const listConversations = (filters: ConversationFilters, cursor: string | null, signal?: AbortSignal) =>
  api.get<Page<ListedConversation>>("/api/conversations", { query: { ...filters, sort: "lastMessage", limit: 50, cursor }, signal });

export const conversationsQueryOptions = (filters: ConversationFilters, pollMs: number | false = false) =>
  infiniteQueryOptions({
    queryKey: [...conversationsKey, "list", filters],
    queryFn: ({ pageParam, signal }) => listConversations(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: pollMs,
    placeholderData: keepPreviousData,
  });

export const useConversations = (filters: ConversationFilters, pollMs: number | false = false) =>
  useInfiniteQuery(conversationsQueryOptions(filters, pollMs));
