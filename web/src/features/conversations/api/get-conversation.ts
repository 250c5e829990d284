import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { conversationsKey, type Conversation } from "./types";

export const conversationKey = (id: string) => [...conversationsKey, "detail", id] as const;

export const getConversation = (id: string, signal?: AbortSignal) => api.get<Conversation>(`/api/conversations/${encodeURIComponent(id)}`, { signal });

export const conversationQueryOptions = (id: string) => queryOptions({ queryKey: conversationKey(id), queryFn: ({ signal }) => getConversation(id, signal) });

export const useConversation = (id: string | null) => useQuery({ ...conversationQueryOptions(id ?? ""), enabled: id !== null });
