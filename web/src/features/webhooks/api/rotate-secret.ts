import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { endpointKey } from "./types";
import type { Schema } from "../../../api";

export type SecretRotation = Schema<"WebhookSecretRotation">;

export const rotateSecret = (id: string) => api.post<SecretRotation>(`/api/webhook-endpoints/${encodeURIComponent(id)}/rotate-secret`);

export function useRotateSecret(id: string) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: () => rotateSecret(id), onSuccess: () => qc.invalidateQueries({ queryKey: endpointKey(id) }) });
}
