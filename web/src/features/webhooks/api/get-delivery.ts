import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { webhooksKey, type WebhookDeliveryDetail } from "./types";

export const getDelivery = (id: string, signal?: AbortSignal) => api.get<WebhookDeliveryDetail>(`/api/webhook-deliveries/${encodeURIComponent(id)}`, { signal });

export const deliveryQueryOptions = (id: string) => queryOptions({ queryKey: [...webhooksKey, "delivery", id], queryFn: ({ signal }) => getDelivery(id, signal) });

export const useDelivery = (id: string | null) => useQuery({ ...deliveryQueryOptions(id ?? ""), enabled: id !== null });
