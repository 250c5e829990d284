import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Conversation } from "./types";
import { applyConversation } from "./update-cache";

export const closeConversation = (conversationId: string) => api.post<Conversation>(`/api/conversations/${encodeURIComponent(conversationId)}/close`);

export function useCloseConversation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: closeConversation,
    onSuccess: (c) => applyConversation(qc, c),
  });
}
