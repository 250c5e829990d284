// The tenant's qualification flow, the answers contacts gave, and the lead
// score they add up to.
import { and, eq } from "drizzle-orm";
import { contacts, flowAnswers, flows } from "../db/schema";
import { notFound } from "../http/errors";
import type { Ctx, TenantCtx } from "../lib/context";
import { auditStatement } from "../tenancy/audit";
import { iso } from "../tenancy/serialize";
import type { BreakdownItem } from "../leads/model";
import { EMPTY_FLOW, flowInputSchema, maxPoints, type FlowInput, type FlowStep } from "./definition";

export interface StoredFlow extends FlowInput {
  updatedAt: number | null;
}

export async function loadFlow(ctx: Ctx, tenantId: string): Promise<StoredFlow> {
  const row = await ctx.db.select().from(flows).where(eq(flows.tenantId, tenantId)).get();
  if (!row) return { ...EMPTY_FLOW, updatedAt: null };
  const parsed = flowInputSchema.safeParse(row.definition);
  // A flow saved under older rules stays readable but inactive rather than breaking the assistant.
  return parsed.success ? { ...parsed.data, updatedAt: row.updatedAt } : { ...EMPTY_FLOW, updatedAt: row.updatedAt };
}

export const flowView = (f: StoredFlow) => ({ ...f, updatedAt: iso(f.updatedAt) });

export async function saveFlow(ctx: TenantCtx, input: FlowInput) {
  const now = ctx.now();
  await ctx.db.batch([
    ctx.db
      .insert(flows)
      .values({ tenantId: ctx.tenantId, definition: input, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: flows.tenantId, set: { definition: input, updatedAt: now } }),
    auditStatement(ctx, { action: "flow.updated", targetType: "tenant", targetId: ctx.tenantId, metadata: { enabled: input.enabled, preset: input.preset, steps: input.steps.length } }),
  ]);
  return flowView({ ...input, updatedAt: now });
}

export type AnswerRow = typeof flowAnswers.$inferSelect;

export async function answersOf(ctx: Ctx, tenantId: string, contactId: string): Promise<AnswerRow[]> {
  return ctx.db.select().from(flowAnswers).where(and(eq(flowAnswers.tenantId, tenantId), eq(flowAnswers.contactId, contactId))).all();
}

/** The first step (in the flow's order) the contact has not answered. */
export function nextStep(flow: FlowInput, answers: Pick<AnswerRow, "stepKey">[]): FlowStep | null {
  const done = new Set(answers.map((a) => a.stepKey));
  return flow.steps.find((s) => !done.has(s.key)) ?? null;
}

/** Sum of the points of answers to steps still in the flow, capped at 100. */
export function scoreOf(flow: FlowInput, answers: Pick<AnswerRow, "stepKey" | "points">[]): number {
  const keys = new Set(flow.steps.map((s) => s.key));
  return Math.min(100, answers.filter((a) => keys.has(a.stepKey)).reduce((sum, a) => sum + a.points, 0));
}

/** The lead score's breakdown for the inbox and the API. */
export async function qualificationOf(ctx: TenantCtx, contactId: string) {
  const contact = await ctx.db
    .select({ id: contacts.id, leadScore: contacts.leadScore, leadBand: contacts.leadBand, scoreBreakdown: contacts.scoreBreakdown, stage: contacts.stage })
    .from(contacts)
    .where(and(eq(contacts.id, contactId), eq(contacts.tenantId, ctx.tenantId)))
    .get();
  if (!contact) throw notFound("contact");
  const [flow, answers] = await Promise.all([loadFlow(ctx, ctx.tenantId), answersOf(ctx, ctx.tenantId, contactId)]);
  const byKey = new Map(answers.map((a) => [a.stepKey, a]));
  const pending = flow.enabled ? nextStep(flow, answers) : null;
  return {
    leadScore: contact.leadScore,
    leadBand: contact.leadBand,
    scoreBreakdown: (contact.scoreBreakdown ?? []) as BreakdownItem[],
    /** The answers' points (0–100): the score's qualification component, and what qualifiedScore is compared with. */
    qualificationScore: scoreOf(flow, answers),
    stage: contact.stage,
    qualifiedScore: flow.qualifiedScore,
    enabled: flow.enabled,
    completed: flow.steps.length > 0 && flow.steps.every((s) => byKey.has(s.key)),
    pendingStep: pending?.key ?? null,
    /** The question still waiting for an answer, as the customer sees it. */
    pending: pending ? { key: pending.key, label: pending.label, question: pending.question } : null,
    answers: flow.steps.flatMap((s) => {
      const a = byKey.get(s.key);
      return a ? [{ key: s.key, label: s.label, question: s.question, answer: a.answer, value: a.value, points: a.points, maxPoints: maxPoints(s), answeredAt: iso(a.answeredAt)!, messageId: a.messageId }] : [];
    }),
  };
}
