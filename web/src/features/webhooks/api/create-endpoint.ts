import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { webhooksKey, type WebhookEndpoint } from "./types";

export interface CreateEndpointInput {
  url: string;
  events: string[];
  description?: string;
}

/** The answer carries the signing secret; the API never shows it again. */
export const createEndpoint = (input: CreateEndpointInput) => api.post<WebhookEndpoint & { secret: string }>("/api/webhook-endpoints", input);

export function useCreateEndpoint() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createEndpoint, onSuccess: () => qc.invalidateQueries({ queryKey: webhooksKey }) });
}
