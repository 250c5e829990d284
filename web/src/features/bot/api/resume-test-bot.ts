import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { testConversationKey } from "./get-test-conversation";
import type { TestConversation } from "./types";

/** Hand the test conversation back to the bot after a handoff. */
export const resumeTestBot = (conversationId: string) => api.post<TestConversation>(`/api/conversations/${encodeURIComponent(conversationId)}/resume-bot`);

export function useResumeTestBot() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: resumeTestBot,
    onSuccess: (c) => {
      qc.setQueryData(testConversationKey(c.id), c);
      // The inbox shows the same conversation; let it refresh too.
      void qc.invalidateQueries({ queryKey: ["conversations"] });
    },
  });
}
