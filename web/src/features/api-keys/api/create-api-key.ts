import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { apiKeysQueryKey } from "./list-api-keys";

export interface CreatedApiKey {
  id: string;
  name: string;
  /** The full secret. The API returns it in this answer only. */
  key: string;
  prefix: string;
  createdAt: string;
}

export const createApiKey = (input: { name: string }) => api.post<CreatedApiKey>("/api/api-keys", input);

export function useCreateApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createApiKey,
    onSuccess: () => qc.invalidateQueries({ queryKey: apiKeysQueryKey }),
  });
}
