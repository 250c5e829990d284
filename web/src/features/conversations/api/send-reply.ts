import { useMutation, useQueryClient } from "@tanstack/react-query";
import { actionKey, api } from "../../../lib/api";
import { conversationsKey, type Message } from "./types";

/** Refused with 422 outside the 24-hour window; the conversation switches to human mode. */
export const sendReply = (conversationId: string, text: string, idempotencyKey?: string) =>
  api.post<Message>(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, { text }, { idempotencyKey });

/** One reply the agent sent; retrying the same object reuses its Idempotency-Key, so it is never sent twice. */
export interface ReplyAction {
  text: string;
}

export function useSendReply(conversationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (action: ReplyAction) => sendReply(conversationId, action.text, actionKey(action)),
    onSuccess: () => qc.invalidateQueries({ queryKey: conversationsKey }),
  });
}
