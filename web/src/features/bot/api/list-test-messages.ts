import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import { tryBotKey, type TestMessage } from "./types";

export const testMessagesKey = (conversationId: string) => [...tryBotKey, "messages", conversationId] as const;

/** The latest messages of the test conversation, newest first as the API answers. */
export const listTestMessages = (conversationId: string, signal?: AbortSignal) =>
  api.get<Page<TestMessage>>(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, { query: { limit: 50 }, signal });

export const testMessagesQueryOptions = (conversationId: string, pollMs: number | false) =>
  queryOptions({
    queryKey: testMessagesKey(conversationId),
    queryFn: ({ signal }) => listTestMessages(conversationId, signal),
    refetchInterval: pollMs,
    staleTime: 0,
  });

export const useTestMessages = (conversationId: string | null, pollMs: number | false) =>
  useQuery({ ...testMessagesQueryOptions(conversationId ?? "", pollMs), enabled: conversationId !== null });
