import { useMutation } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { ResponseBody } from "../../../api";

export type SandboxAccepted = ResponseBody<"/api/sandbox/messages", "post">;

/** A message from a test customer on the built-in sandbox channel, processed like a WhatsApp message. */
export const sendTestMessage = (input: { from: string; name?: string; text: string }) => api.post<SandboxAccepted>("/api/sandbox/messages", input);

export const useSendTestMessage = () => useMutation({ mutationFn: sendTestMessage });
