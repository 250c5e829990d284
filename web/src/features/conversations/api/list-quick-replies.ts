import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import type { QuickReply } from "./types";

export const quickRepliesKey = ["quick-replies"] as const;

export const listQuickReplies = (signal?: AbortSignal) => api.get<Page<QuickReply>>("/api/quick-replies", { query: { limit: 200 }, signal });

export const quickRepliesQueryOptions = () => queryOptions({ queryKey: quickRepliesKey, queryFn: ({ signal }) => listQuickReplies(signal), staleTime: 5 * 60_000 });

export const useQuickReplies = () => useQuery(quickRepliesQueryOptions());
