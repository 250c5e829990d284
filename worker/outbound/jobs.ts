import { z } from "zod";

/** The `outbound` queue carries only ids; the message row holds the content. */
export const outboundJobSchema = z.object({
  tenantId: z.string().min(1),
  messageId: z.string().min(1),
  /** The conversation: jobs of one conversation are sent in order, different conversations side by side. */
  lane: z.string().min(1).optional(),
});
export type OutboundJob = z.infer<typeof outboundJobSchema>;
