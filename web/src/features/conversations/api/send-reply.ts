import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { conversationsKey, type Message } from "./types";

export interface ReplyInput {
  text?: string;
  /** A file uploaded with uploadMedia; `text` is then its caption. */
  mediaId?: string;
}

/** Refused with 422 outside the 24-hour window; the conversation switches to human mode. */
export const sendReply = (conversationId: string, input: string | ReplyInput) =>
  api.post<Message>(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, typeof input === "string" ? { text: input } : input);

export function useSendReply(conversationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: string | ReplyInput) => sendReply(conversationId, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: conversationsKey }),
  });
}
