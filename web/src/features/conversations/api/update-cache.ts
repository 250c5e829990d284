import type { QueryClient } from "@tanstack/react-query";
import { conversationKey } from "./get-conversation";
import { conversationsKey, type Conversation } from "./types";

/** After an action answers with the conversation: show it at once, then refresh lists. */
export function applyConversation(qc: QueryClient, conversation: Conversation): void {
  qc.setQueryData(conversationKey(conversation.id), conversation);
  void qc.invalidateQueries({ queryKey: [...conversationsKey, "list"] });
}
