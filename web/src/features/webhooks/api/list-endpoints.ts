import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import { webhooksKey, type WebhookEndpoint } from "./types";

export const listEndpoints = (signal?: AbortSignal) => api.get<Page<WebhookEndpoint>>("/api/webhook-endpoints", { query: { limit: 100 }, signal });

export const endpointsQueryOptions = () => queryOptions({ queryKey: [...webhooksKey, "endpoints"], queryFn: ({ signal }) => listEndpoints(signal) });

export const useEndpoints = () => useQuery(endpointsQueryOptions());
