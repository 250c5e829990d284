import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { endpointKey, webhooksKey, type WebhookEndpoint } from "./types";

export interface UpdateEndpointInput {
  url?: string;
  events?: string[];
  description?: string | null;
  enabled?: boolean;
}

export const updateEndpoint = (id: string, input: UpdateEndpointInput) => api.patch<WebhookEndpoint>(`/api/webhook-endpoints/${encodeURIComponent(id)}`, input);

export function useUpdateEndpoint(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateEndpointInput) => updateEndpoint(id, input),
    onSuccess: (endpoint) => {
      qc.setQueryData(endpointKey(id), endpoint);
      void qc.invalidateQueries({ queryKey: webhooksKey });
    },
  });
}
