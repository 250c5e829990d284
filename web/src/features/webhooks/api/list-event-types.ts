import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { WebhookEventType } from "./types";

export const listEventTypes = (signal?: AbortSignal) => api.get<{ data: WebhookEventType[] }>("/api/webhook-event-types", { signal });

export const eventTypesQueryOptions = () => queryOptions({ queryKey: ["webhooks", "event-types"], queryFn: ({ signal }) => listEventTypes(signal), staleTime: Infinity });

export const useEventTypes = () => useQuery(eventTypesQueryOptions());
