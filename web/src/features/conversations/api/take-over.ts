import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Conversation } from "./types";
import { applyConversation } from "./update-cache";

export const takeOver = (conversationId: string) => api.post<Conversation>(`/api/conversations/${encodeURIComponent(conversationId)}/take-over`);

export function useTakeOver() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: takeOver,
    onSuccess: (c) => applyConversation(qc, c),
  });
}
