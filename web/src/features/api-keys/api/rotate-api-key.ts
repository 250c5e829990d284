import { useMutation, useQueryClient } from "@tanstack/react-query";
import { actionKey, api } from "../../../lib/api";
import { apiKeysQueryKey } from "./list-api-keys";
import type { ResponseBody } from "../../../api";

export type RotatedApiKey = ResponseBody<"/api/api-keys/{id}/rotate", "post">;

export interface RotateInput {
  id: string;
  overlapHours: number;
}

export function useRotateApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RotateInput) =>
      api.post<RotatedApiKey>(`/api/api-keys/${encodeURIComponent(input.id)}/rotate`, { overlapHours: input.overlapHours }, { idempotencyKey: actionKey(input) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: apiKeysQueryKey }),
  });
}
