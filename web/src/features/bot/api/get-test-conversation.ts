import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { tryBotKey, type TestConversation } from "./types";

export const testConversationKey = (id: string) => [...tryBotKey, "conversation", id] as const;

export const getTestConversation = (id: string, signal?: AbortSignal) => api.get<TestConversation>(`/api/conversations/${encodeURIComponent(id)}`, { signal });

export const testConversationQueryOptions = (id: string, pollMs: number | false) =>
  queryOptions({ queryKey: testConversationKey(id), queryFn: ({ signal }) => getTestConversation(id, signal), refetchInterval: pollMs, staleTime: 0 });

export const useTestConversation = (id: string | null, pollMs: number | false) =>
  useQuery({ ...testConversationQueryOptions(id ?? "", pollMs), enabled: id !== null });
