import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Conversation } from "./types";
import { applyConversation } from "./update-cache";

export const reopenConversation = (conversationId: string) => api.post<Conversation>(`/api/conversations/${encodeURIComponent(conversationId)}/reopen`);

export function useReopenConversation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: reopenConversation,
    onSuccess: (c) => applyConversation(qc, c),
  });
}
