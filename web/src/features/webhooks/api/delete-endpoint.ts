import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { webhooksKey } from "./types";

export const deleteEndpoint = (id: string) => api.delete(`/api/webhook-endpoints/${encodeURIComponent(id)}`);

export function useDeleteEndpoint() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteEndpoint,
    onSuccess: (_r, id) => {
      qc.removeQueries({ queryKey: [...webhooksKey, "endpoint", id] });
      void qc.invalidateQueries({ queryKey: [...webhooksKey, "endpoints"] });
    },
  });
}
