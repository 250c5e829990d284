import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { RequestBody } from "../../../api";
import { conversationsKey, type Message } from "./types";

export type SendTemplateInput = RequestBody<"/api/conversations/{id}/template", "post">;

export const sendTemplate = (conversationId: string, input: SendTemplateInput) =>
  api.post<Message>(`/api/conversations/${encodeURIComponent(conversationId)}/template`, input);

export function useSendTemplate(conversationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SendTemplateInput) => sendTemplate(conversationId, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: conversationsKey }),
  });
}
