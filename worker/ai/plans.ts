// Plans are platform configuration, not tenant settings: how many credits a
// month, what one AI answer costs, and which models a tenant may pick for the
// providers that run on the platform's account (Workers AI binding, LLM_API_KEY).
import { eq } from "drizzle-orm";
import { tenants } from "../db/schema";
import type { Ctx } from "../lib/context";

export type ModelProvider = "workers-ai" | "openai";

export interface Plan {
  monthlyCredits: number;
  creditCostPerAnswer: number;
  /** Models a tenant may choose besides the platform default (AI_MODEL / LLM_MODEL). */
  models: Record<ModelProvider, readonly string[]>;
}

const SMALL_MODELS = { "workers-ai": ["@cf/meta/llama-3.1-8b-instruct-fast"], openai: ["gpt-4o-mini"] } as const;

export const PLANS: Record<string, Plan> = {
  starter: { monthlyCredits: 1000, creditCostPerAnswer: 1, models: SMALL_MODELS },
  growth: {
    monthlyCredits: 10_000,
    creditCostPerAnswer: 1,
    models: { "workers-ai": [...SMALL_MODELS["workers-ai"], "@cf/meta/llama-3.3-70b-instruct-fp8-fast"], openai: [...SMALL_MODELS.openai, "gpt-4.1-mini"] },
  },
  scale: {
    monthlyCredits: 100_000,
    creditCostPerAnswer: 1,
    models: { "workers-ai": [...SMALL_MODELS["workers-ai"], "@cf/meta/llama-3.3-70b-instruct-fp8-fast"], openai: [...SMALL_MODELS.openai, "gpt-4.1-mini", "gpt-4o"] },
  },
};

export const DEFAULT_PLAN = "starter";

export const planNamed = (name: string | null | undefined): { name: string; plan: Plan } =>
  name && PLANS[name] ? { name, plan: PLANS[name]! } : { name: DEFAULT_PLAN, plan: PLANS[DEFAULT_PLAN]! };

export async function tenantPlan(ctx: Ctx, tenantId: string): Promise<{ name: string; plan: Plan }> {
  const row = await ctx.db.select({ plan: tenants.plan }).from(tenants).where(eq(tenants.id, tenantId)).get();
  return planNamed(row?.plan);
}

/** The models a tenant on `plan` may choose, the platform default first. */
export function allowedModels(ctx: Ctx, plan: Plan): Record<ModelProvider, string[]> {
  const withDefault = (platformDefault: string, models: readonly string[]) => [...new Set([platformDefault, ...models])];
  return {
    "workers-ai": withDefault(ctx.config.AI_MODEL, plan.models["workers-ai"]),
    openai: withDefault(ctx.config.LLM_MODEL ?? "gpt-4o-mini", plan.models.openai),
  };
}
