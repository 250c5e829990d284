import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Conversation } from "./types";
import { applyConversation } from "./update-cache";

export const markConversationRead = (conversationId: string) => api.post<Conversation>(`/api/conversations/${encodeURIComponent(conversationId)}/read`);

export function useMarkConversationRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: markConversationRead,
    onSuccess: (c) => applyConversation(qc, c),
  });
}
