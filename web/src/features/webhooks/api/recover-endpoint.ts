import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { deliveriesKey } from "./types";
import type { Schema } from "../../../api";

export type Recovery = Schema<"WebhookRecovery">;

/** Re-send every failed delivery created since the given time. */
export const recoverEndpoint = (id: string, since: string) => api.post<Recovery>(`/api/webhook-endpoints/${encodeURIComponent(id)}/recover`, { since });

export function useRecoverEndpoint(id: string) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (since: string) => recoverEndpoint(id, since), onSettled: () => qc.invalidateQueries({ queryKey: deliveriesKey(id) }) });
}
