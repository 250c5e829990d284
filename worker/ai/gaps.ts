// The questions the assistant could not answer from the knowledge. Each
// unanswered customer message is recorded once (unique per message, so a
// redelivered turn changes nothing); analytics groups them by `normalized`.
import { knowledgeGaps } from "../db/schema";
import type { Ctx } from "../lib/context";
import { newId } from "../lib/ids";

export interface KnowledgeGap {
  tenantId: string;
  conversationId: string;
  messageId: string;
  question: string;
}

const MAX_QUESTION = 500;

/** Lower case, letters and digits only, single spaces: the same question typed differently groups together. */
export function normalizeQuestion(question: string): string {
  return question
    .toLowerCase()
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .replace(/(\p{L})\1{2,}/gu, "$1")
    .trim()
    .slice(0, MAX_QUESTION);
}

export async function recordKnowledgeGaps(ctx: Ctx, gaps: KnowledgeGap[]): Promise<void> {
  const rows = gaps
    .map((g) => ({ ...g, question: g.question.trim().slice(0, MAX_QUESTION) }))
    .filter((g) => g.question && normalizeQuestion(g.question))
    .map((g) => ({
      id: newId("knowledgeGap"),
      tenantId: g.tenantId,
      conversationId: g.conversationId,
      messageId: g.messageId,
      question: g.question,
      normalized: normalizeQuestion(g.question),
      createdAt: ctx.now(),
    }));
  if (!rows.length) return;
  // Eight columns a row: stay well under D1's 100 bound parameters per statement.
  for (let i = 0; i < rows.length; i += 10) {
    await ctx.db.insert(knowledgeGaps).values(rows.slice(i, i + 10)).onConflictDoNothing();
  }
}
