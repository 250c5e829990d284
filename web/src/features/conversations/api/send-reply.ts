import { useMutation, useQueryClient } from "@tanstack/react-query";
import { actionKey, api } from "../../../lib/api";
import type { RequestBody } from "../../../api";
import { conversationsKey, type Message } from "./types";

/** `mediaId`: a file uploaded with uploadMedia; `text` is then its caption. */
export type ReplyInput = RequestBody<"/api/conversations/{id}/messages", "post">;

/** Refused with 422 outside the 24-hour window; the conversation switches to human mode. */
export const sendReply = (conversationId: string, input: string | ReplyInput, idempotencyKey?: string) =>
  api.post<Message>(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, typeof input === "string" ? { text: input } : input, { idempotencyKey });

/** One reply the agent sent; retrying the same object reuses its Idempotency-Key, so it is never sent twice. */
export type ReplyAction = ReplyInput;

export function useSendReply(conversationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (action: ReplyAction) => sendReply(conversationId, action, actionKey(action)),
    onSuccess: () => qc.invalidateQueries({ queryKey: conversationsKey }),
  });
}
