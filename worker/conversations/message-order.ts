// The order of a conversation's messages: when they were written, by the
// provider's clock where there is one (a delivery WhatsApp retried late sorts
// where the customer wrote it), then by id (arrival order within the same instant).
import { asc, desc, sql } from "drizzle-orm";
import { messages } from "../db/schema";

/** A message's place in time: the provider timestamp of inbound messages, otherwise when Parley wrote it. */
export const messageTime = sql<number>`coalesce(${messages.providerTimestamp}, ${messages.createdAt})`;

export const newestFirst = () => [desc(messageTime), desc(messages.id)] as const;
export const oldestFirst = () => [asc(messageTime), asc(messages.id)] as const;
