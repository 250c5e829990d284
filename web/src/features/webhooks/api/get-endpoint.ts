import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { endpointKey, type WebhookEndpoint } from "./types";

export const getEndpoint = (id: string, signal?: AbortSignal) => api.get<WebhookEndpoint>(`/api/webhook-endpoints/${encodeURIComponent(id)}`, { signal });

export const endpointQueryOptions = (id: string) => queryOptions({ queryKey: endpointKey(id), queryFn: ({ signal }) => getEndpoint(id, signal) });

export const useEndpoint = (id: string) => useQuery(endpointQueryOptions(id));
