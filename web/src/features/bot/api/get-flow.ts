import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { flowKey, type Flow } from "./types";

export const getFlow = (signal?: AbortSignal) => api.get<Flow>("/api/bot/flow", { signal });

export const flowQueryOptions = () => queryOptions({ queryKey: flowKey, queryFn: ({ signal }) => getFlow(signal) });

export const useFlow = () => useQuery(flowQueryOptions());
