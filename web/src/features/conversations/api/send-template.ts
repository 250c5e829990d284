import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { conversationsKey, type Message } from "./types";

export interface SendTemplateInput {
  name: string;
  language: string;
  components?: Array<Record<string, unknown>>;
  /** The header's image, video or document, uploaded with POST /api/media. */
  headerMediaId?: string;
}

export const sendTemplate = (conversationId: string, input: SendTemplateInput) =>
  api.post<Message>(`/api/conversations/${encodeURIComponent(conversationId)}/template`, input);

export function useSendTemplate(conversationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SendTemplateInput) => sendTemplate(conversationId, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: conversationsKey }),
  });
}
