import { useMutation } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Schema } from "../../../api";

export type RenderedQuickReply = Schema<"RenderedQuickReply">;

/** Fills the reply's variables ({{name}}…) for one conversation. */
export const renderQuickReply = (input: { quickReplyId: string; conversationId: string }) =>
  api.post<RenderedQuickReply>(`/api/quick-replies/${encodeURIComponent(input.quickReplyId)}/render`, { conversationId: input.conversationId });

export const useRenderQuickReply = () => useMutation({ mutationFn: renderQuickReply });
