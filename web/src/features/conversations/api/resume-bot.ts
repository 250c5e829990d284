import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Conversation } from "./types";
import { applyConversation } from "./update-cache";

export const resumeBot = (conversationId: string) => api.post<Conversation>(`/api/conversations/${encodeURIComponent(conversationId)}/resume-bot`);

export function useResumeBot() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: resumeBot,
    onSuccess: (c) => applyConversation(qc, c),
  });
}
