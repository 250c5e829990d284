// Per-tenant bot settings, validated with zod and stored as one JSON row.
// Every field has a default, so a tenant that never saved settings gets a
// working assistant.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { botSettings } from "../db/schema";
import type { Ctx, TenantCtx } from "../lib/context";
import type { Value } from "../db/prepared";
import { fieldError } from "../http/errors";
import { auditStatement } from "../tenancy/audit";
import { allowedModels, tenantPlan, type ModelProvider } from "./plans";
import { scoringPatch, scoringSettingsSchema } from "../leads/model";

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "must be HH:MM (24-hour)" });
const dayHours = z.array(z.object({ start: time, end: time })).max(4);

/** Zones already checked: building an Intl.DateTimeFormat is the costly part of reading settings, which every turn does. */
const checkedZones = new Map<string, boolean>();

function validTimeZone(tz: string): boolean {
  let ok = checkedZones.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      ok = true;
    } catch {
      ok = false;
    }
    if (checkedZones.size >= 1000) checkedZones.clear();
    checkedZones.set(tz, ok);
  }
  return ok;
}

export const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const reminderTemplate = z.object({ name: z.string().trim().min(1).max(512), language: z.string().trim().min(2).max(15) }).strict();

export const botSettingsSchema = z.object({
  /** Off: customers' messages are stored and shown in the inbox, the assistant never answers. */
  enabled: z.boolean().default(true),
  persona: z
    .object({
      botName: z.string().trim().min(1).max(60).default("Parley Assistant"),
      greeting: z.string().trim().max(500).default(""),
      tone: z.enum(["friendly", "professional", "concise"]).default("friendly"),
      defaultLanguage: z.enum(["en", "id"]).default("en"),
    })
    .prefault({}),
  businessHours: z
    .object({
      enabled: z.boolean().default(false),
      timezone: z.string().refine(validTimeZone, { message: "must be an IANA time zone, e.g. Asia/Jakarta" }).default("UTC"),
      days: z.object(Object.fromEntries(DAYS.map((d) => [d, dayHours.default([])])) as Record<(typeof DAYS)[number], z.ZodDefault<typeof dayHours>>).prefault({}),
      awayMessage: z
        .string()
        .trim()
        .max(1000)
        .default("Thanks for your message! We're closed right now; a colleague will reply when we open."),
    })
    .prefault({}),
  handoff: z
    .object({
      onHumanRequest: z.boolean().default(true),
      /** Consecutive negative customer messages that hand the conversation to a human. */
      negativeMessages: z.number().int().min(1).max(10).default(2),
      onNoKnowledge: z.boolean().default(true),
      /** A reply the business sends from its own WhatsApp (the phone) switches the conversation to human mode. */
      onPhoneReply: z.boolean().default(true),
      /** Below this retrieval coverage (0–1) the bot does not answer. */
      minConfidence: z.number().min(0).max(1).default(0.5),
      extraHumanPhrases: z.array(z.string().trim().min(2).max(60)).max(50).default([]),
    })
    .prefault({}),
  /** Slots the assistant may offer and agents may book (see docs/qualification.md). */
  booking: z
    .object({
      enabled: z.boolean().default(false),
      timezone: z.string().refine(validTimeZone, { message: "must be an IANA time zone, e.g. Asia/Jakarta" }).default("UTC"),
      slotMinutes: z.number().int().min(15).max(240).default(30),
      daysAhead: z.number().int().min(1).max(60).default(14),
      minNoticeMinutes: z.number().int().min(0).max(10_080).default(120),
      offerCount: z.number().int().min(1).max(6).default(3),
      days: z.object(Object.fromEntries(DAYS.map((d) => [d, dayHours.default([])])) as Record<(typeof DAYS)[number], z.ZodDefault<typeof dayHours>>).prefault({}),
      /** Hours before the slot the customer is reminded (0 = no reminders). */
      reminderHours: z.number().int().min(0).max(168).default(24),
      /** The approved template sent as the reminder outside the 24-hour window ({{1}} = the time); none = skip then. */
      reminderTemplate: reminderTemplate.nullable().default(null),
    })
    .prefault({}),
  /** How the lead score is weighted, its bands and what a hot lead triggers (see docs/qualification.md). */
  scoring: scoringSettingsSchema.prefault({}),
  optOut: z
    .object({
      stopWords: z.array(z.string().trim().min(2).max(30)).max(30).default(["stop", "unsubscribe", "berhenti"]),
      startWords: z.array(z.string().trim().min(2).max(30)).max(30).default(["start", "mulai"]),
    })
    .prefault({}),
  /** Inbound messages older than this get no automatic answer. */
  staleMessageSeconds: z.number().int().min(60).max(7 * 24 * 3600).default(3600),
  /** Messages within this many seconds of each other are answered together. */
  burstSeconds: z.number().min(0).max(30).default(3),
  /** Fraction of monthly credits at which credit.low fires. */
  lowCreditThreshold: z.number().min(0).max(1).default(0.2),
  provider: z
    .object({
      name: z.enum(["default", "builtin", "workers-ai", "openai"]).default("default"),
      model: z.string().trim().max(200).optional(),
      timeoutMs: z.number().int().min(1000).max(60_000).default(15_000),
    })
    .prefault({}),
});
export type BotSettings = z.infer<typeof botSettingsSchema>;

/** What the tenant saved plus what its plan decides (read-only): the price of an answer and the models it may pick. */
export type EffectiveBotSettings = BotSettings & { creditCostPerAnswer: number; allowedModels: Record<ModelProvider, string[]> };

const PLAN_OWNED = "is set by your plan, not by bot settings";

/** PUT body: any subset; nested objects merge with what is stored. */
export const botSettingsPatch = z.object({
  enabled: z.boolean().optional(),
  persona: botSettingsSchema.shape.persona.unwrap().partial().optional(),
  businessHours: z
    .object({
      enabled: z.boolean(),
      timezone: z.string().refine(validTimeZone, { message: "must be an IANA time zone, e.g. Asia/Jakarta" }),
      days: z.object(Object.fromEntries(DAYS.map((d) => [d, dayHours])) as Record<(typeof DAYS)[number], typeof dayHours>).partial(),
      awayMessage: z.string().trim().max(1000),
    })
    .partial()
    .optional(),
  handoff: botSettingsSchema.shape.handoff.unwrap().partial().optional(),
  booking: z
    .object({
      enabled: z.boolean(),
      timezone: z.string().refine(validTimeZone, { message: "must be an IANA time zone, e.g. Asia/Jakarta" }),
      slotMinutes: z.number().int().min(15).max(240),
      daysAhead: z.number().int().min(1).max(60),
      minNoticeMinutes: z.number().int().min(0).max(10_080),
      offerCount: z.number().int().min(1).max(6),
      days: z.object(Object.fromEntries(DAYS.map((d) => [d, dayHours])) as Record<(typeof DAYS)[number], typeof dayHours>).partial(),
      reminderHours: z.number().int().min(0).max(168),
      reminderTemplate: reminderTemplate.nullable(),
    })
    .partial()
    .optional(),
  optOut: botSettingsSchema.shape.optOut.unwrap().partial().optional(),
  scoring: scoringPatch.optional(),
  staleMessageSeconds: z.number().int().min(60).max(7 * 24 * 3600).optional(),
  burstSeconds: z.number().min(0).max(30).optional(),
  /** Plan terms are refused by name rather than silently ignored. */
  creditCostPerAnswer: z
    .unknown()
    .optional()
    .refine((v) => v === undefined, { message: PLAN_OWNED }),
  lowCreditThreshold: z.number().min(0).max(1).optional(),
  provider: botSettingsSchema.shape.provider.unwrap().partial().optional(),
});

/** "default" means the platform's provider. */
const resolvedProvider = (ctx: Ctx, name: BotSettings["provider"]["name"]) => (name === "default" ? ctx.config.AI_PROVIDER : name);

/** The tenant's stored settings row as BotSettings (defaults when there is none). */
export function parseStoredSettings(stored: Record<string, unknown> | null | undefined): BotSettings {
  const parsed = botSettingsSchema.safeParse(stored ?? {});
  // Stored settings were valid when saved; if a later version tightened a rule, fall back to defaults rather than stop answering.
  return parsed.success ? parsed.data : botSettingsSchema.parse({});
}

/** The query for a tenant's stored settings row, for callers that batch it with other statements. */
export const storedSettingsQuery = (ctx: Pick<Ctx, "db">, tenantId: Value<string>) =>
  ctx.db.select({ settings: botSettings.settings }).from(botSettings).where(eq(botSettings.tenantId, tenantId));

async function storedSettings(ctx: Ctx, tenantId: string): Promise<BotSettings> {
  const row = await storedSettingsQuery(ctx, tenantId).get();
  return parseStoredSettings(row?.settings);
}

/**
 * The tenant's settings with its plan applied: the plan's price per answer, and
 * a model the plan no longer allows (a downgrade, an older save) replaced by
 * the platform default.
 */
export async function loadBotSettings(ctx: Ctx, tenantId: string): Promise<EffectiveBotSettings> {
  const [settings, { plan }] = await Promise.all([storedSettings(ctx, tenantId), tenantPlan(ctx, tenantId)]);
  const allowed = allowedModels(ctx, plan);
  const provider = resolvedProvider(ctx, settings.provider.name);
  const model = settings.provider.model;
  const keepModel = model !== undefined && (provider === "workers-ai" || provider === "openai") && allowed[provider].includes(model);
  const { model: _dropped, ...providerRest } = settings.provider;
  return { ...settings, provider: keepModel ? { ...providerRest, model } : providerRest, creditCostPerAnswer: plan.creditCostPerAnswer, allowedModels: allowed };
}

export async function updateBotSettings(ctx: TenantCtx, patch: z.infer<typeof botSettingsPatch>): Promise<EffectiveBotSettings> {
  const [current, { plan }] = await Promise.all([storedSettings(ctx, ctx.tenantId), tenantPlan(ctx, ctx.tenantId)]);
  const { creditCostPerAnswer: _planOwned, ...fields } = patch;
  const merged = botSettingsSchema.parse({
    ...current,
    ...fields,
    persona: { ...current.persona, ...patch.persona },
    businessHours: { ...current.businessHours, ...patch.businessHours, days: { ...current.businessHours.days, ...patch.businessHours?.days } },
    handoff: { ...current.handoff, ...patch.handoff },
    booking: { ...current.booking, ...patch.booking, days: { ...current.booking.days, ...patch.booking?.days } },
    optOut: { ...current.optOut, ...patch.optOut },
    scoring: { ...current.scoring, ...patch.scoring, weights: { ...current.scoring.weights, ...patch.scoring?.weights }, bands: { ...current.scoring.bands, ...patch.scoring?.bands } },
    provider: { ...current.provider, ...patch.provider },
  });
  // A model runs on the platform's account: only the plan's models may be chosen.
  const provider = resolvedProvider(ctx, merged.provider.name);
  if (patch.provider && merged.provider.model !== undefined && (provider === "workers-ai" || provider === "openai")) {
    const allowed = allowedModels(ctx, plan)[provider];
    if (!allowed.includes(merged.provider.model)) throw fieldError("provider.model", `must be one of your plan's models: ${allowed.join(", ")}`);
  }
  const now = ctx.now();
  await ctx.db.batch([
    ctx.db
      .insert(botSettings)
      .values({ tenantId: ctx.tenantId, settings: merged, updatedAt: now })
      .onConflictDoUpdate({ target: botSettings.tenantId, set: { settings: merged, updatedAt: now } }),
    auditStatement(ctx, { action: "bot_settings.updated", targetType: "tenant", targetId: ctx.tenantId, metadata: { fields: Object.keys(patch) } }),
  ]);
  return loadBotSettings(ctx, ctx.tenantId);
}

/** Whether `at` falls inside the configured opening hours. */
export function isOpen(s: BotSettings["businessHours"], at: number): boolean {
  if (!s.enabled) return true;
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: s.timezone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(new Date(at));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  const day = get("weekday").slice(0, 3).toLowerCase() as (typeof DAYS)[number];
  const minutes = Number(get("hour")) * 60 + Number(get("minute"));
  return (s.days[day] ?? []).some(({ start, end }) => {
    const [sh, sm] = start.split(":").map(Number) as [number, number];
    const [eh, em] = end.split(":").map(Number) as [number, number];
    return minutes >= sh * 60 + sm && minutes < eh * 60 + em;
  });
}
