import { useMutation } from "@tanstack/react-query";
import { api } from "../../../lib/api";

export interface SandboxAccepted {
  conversationId: string;
  messageId: string;
  contactId: string;
}

/** A message from a test customer on the built-in sandbox channel, processed like a WhatsApp message. */
export const sendTestMessage = (input: { from: string; name?: string; text: string }) => api.post<SandboxAccepted>("/api/sandbox/messages", input);

export const useSendTestMessage = () => useMutation({ mutationFn: sendTestMessage });
