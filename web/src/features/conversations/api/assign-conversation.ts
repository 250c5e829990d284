import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Conversation } from "./types";
import { applyConversation } from "./update-cache";

/** Assign, transfer, or unassign with null. */
export const assignConversation = (conversationId: string, userId: string | null) =>
  api.post<Conversation>(`/api/conversations/${encodeURIComponent(conversationId)}/assign`, { userId });

export function useAssignConversation(conversationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string | null) => assignConversation(conversationId, userId),
    onSuccess: (c) => applyConversation(qc, c),
  });
}
