import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { webhooksKey, type WebhookDelivery } from "./types";

export const replayDelivery = (id: string) => api.post<WebhookDelivery>(`/api/webhook-deliveries/${encodeURIComponent(id)}/replay`);

export function useReplayDelivery() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: replayDelivery, onSettled: () => qc.invalidateQueries({ queryKey: webhooksKey }) });
}
