import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { apiKeysQueryKey } from "./list-api-keys";
import type { Schema } from "../../../api";

export type CreatedApiKey = Schema<"CreatedApiKey">;

export const createApiKey = (input: { name: string }) => api.post<CreatedApiKey>("/api/api-keys", input);

export function useCreateApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createApiKey,
    onSuccess: () => qc.invalidateQueries({ queryKey: apiKeysQueryKey }),
  });
}
