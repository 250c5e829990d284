import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { conversationsKey, type Message } from "./types";

/** Refused with 422 outside the 24-hour window; the conversation switches to human mode. */
export const sendReply = (conversationId: string, text: string) => api.post<Message>(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, { text });

export function useSendReply(conversationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => sendReply(conversationId, text),
    onSuccess: () => qc.invalidateQueries({ queryKey: conversationsKey }),
  });
}
