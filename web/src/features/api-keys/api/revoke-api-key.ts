import { useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import { apiKeysQueryKey, type ApiKey } from "./list-api-keys";

export const revokeApiKey = (id: string) => api.delete<ApiKey>(`/api/api-keys/${encodeURIComponent(id)}`);

export function useRevokeApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: revokeApiKey,
    onSuccess: (revoked) => {
      qc.setQueryData<InfiniteData<Page<ApiKey>>>(apiKeysQueryKey, (data) =>
        data ? { ...data, pages: data.pages.map((p) => ({ ...p, data: p.data.map((k) => (k.id === revoked.id ? revoked : k)) })) } : data,
      );
      void qc.invalidateQueries({ queryKey: apiKeysQueryKey });
    },
  });
}
