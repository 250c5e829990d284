import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import { deliveriesKey, type WebhookDelivery } from "./types";

export type DeliveryStatusFilter = "pending" | "succeeded" | "failed" | undefined;

export const listDeliveries = (endpointId: string, status: DeliveryStatusFilter, cursor: string | null, signal?: AbortSignal) =>
  api.get<Page<WebhookDelivery>>(`/api/webhook-endpoints/${encodeURIComponent(endpointId)}/deliveries`, { query: { status, cursor, limit: 25 }, signal });

export const deliveriesQueryOptions = (endpointId: string, status: DeliveryStatusFilter) =>
  infiniteQueryOptions({
    queryKey: [...deliveriesKey(endpointId), status ?? "all"],
    queryFn: ({ pageParam, signal }) => listDeliveries(endpointId, status, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Pending deliveries change on their own as retries run.
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.data.some((d) => d.status === "pending")) ? 3000 : false),
  });

export const useDeliveries = (endpointId: string, status: DeliveryStatusFilter) => useInfiniteQuery(deliveriesQueryOptions(endpointId, status));
