import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import { channelsKey, type Channel } from "./types";

export const listChannels = (signal?: AbortSignal) => api.get<Page<Channel>>("/api/channels", { query: { limit: 200 }, signal });

export const channelsQueryOptions = () => queryOptions({ queryKey: [...channelsKey, "list"], queryFn: ({ signal }) => listChannels(signal) });

export const useChannels = () => useQuery(channelsQueryOptions());
