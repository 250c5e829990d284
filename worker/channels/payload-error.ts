// The one exception the parsers throw: the body is not the provider's shape.
// Callers treat it as permanent (retrying will not make it parse).
import type { z } from "zod";

export class ChannelPayloadError extends Error {
  override name = "ChannelPayloadError";
}

/** "not a Meta webhook payload: entry: expected array, received undefined" — names the field, never echoes values. */
export function payloadError(what: string, error: z.ZodError): ChannelPayloadError {
  const issue = error.issues[0];
  const path = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return new ChannelPayloadError(`${what}: ${path}${issue?.message ?? "invalid shape"}`);
}
