import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { deliveriesKey, type WebhookDelivery } from "./types";

export const sendTestEvent = (id: string, eventType?: string) =>
  api.post<WebhookDelivery>(`/api/webhook-endpoints/${encodeURIComponent(id)}/test`, eventType ? { eventType } : {});

export function useSendTestEvent(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (eventType?: string) => sendTestEvent(id, eventType),
    onSettled: () => qc.invalidateQueries({ queryKey: deliveriesKey(id) }),
  });
}
