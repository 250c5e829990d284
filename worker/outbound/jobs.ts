import { z } from "zod";

/** The `outbound` queue carries only ids; the message row holds the content. */
export const outboundJobSchema = z.object({
  tenantId: z.string().min(1),
  messageId: z.string().min(1),
});
export type OutboundJob = z.infer<typeof outboundJobSchema>;
