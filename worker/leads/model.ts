// The lead score: 0–100 from weighted components, each a fraction 0–1 with the
// reason it has that value. Pure: the state it reads is stored on the contact
// (contacts.lead_state) and advanced one customer message at a time, so a
// recomputation needs no history query; time alone lowers it (decay).
import { z } from "zod";
import type { Intent, IntentKind } from "./intent";
import type { Sentiment } from "./sentiment";

export const COMPONENTS = ["qualification", "engagement", "intent", "sentiment", "booking", "basicInfo", "documents"] as const;
export type Component = (typeof COMPONENTS)[number];
export type Weights = Record<Component, number>;

export const WEIGHT_PRESETS = {
  /** Behaviour counts as much as answers: a keen customer who never finishes the flow still ranks. */
  default: { qualification: 30, engagement: 20, intent: 30, sentiment: 10, booking: 10, basicInfo: 0, documents: 0 },
  /** Basic info 25, qualification 33, documents 30, engagement 10 (normalized to 100). */
  my21staff: { qualification: 33, engagement: 10, intent: 0, sentiment: 0, booking: 0, basicInfo: 25, documents: 30 },
} as const satisfies Record<string, Weights>;
export type WeightPreset = keyof typeof WEIGHT_PRESETS | "custom";

export const BANDS = ["cold", "warm", "hot"] as const;
export type Band = (typeof BANDS)[number];

const weight = z.number().int().min(0).max(100);
export const scoringSettingsSchema = z
  .object({
    /** Which weights apply; "custom" uses `weights`. */
    preset: z.enum(["default", "my21staff", "custom"]).default("default"),
    weights: z.object(Object.fromEntries(COMPONENTS.map((c) => [c, weight.default(WEIGHT_PRESETS.default[c])])) as Record<Component, z.ZodDefault<typeof weight>>).prefault({}),
    /** Score from which a lead is warm / hot. */
    bands: z.object({ warm: z.number().int().min(1).max(99).default(40), hot: z.number().int().min(2).max(100).default(70) }).prefault({}),
    /** What happens when a lead becomes hot: nothing, hand the conversation to a human, or assign it to `assignTo`. */
    onHot: z.enum(["none", "handoff", "assign"]).default("none"),
    assignTo: z.string().trim().min(1).max(64).nullable().default(null),
    /** Who reads each message's sentiment: the built-in lexicon, or Workers AI's classifier (lexicon when it fails). */
    sentiment: z.enum(["lexicon", "workers-ai"]).default("lexicon"),
  })
  .superRefine((s, ctx) => {
    if (s.bands.warm >= s.bands.hot) ctx.addIssue({ code: "custom", path: ["bands", "warm"], message: "must be below bands.hot" });
    if (s.preset === "custom" && COMPONENTS.every((c) => s.weights[c] === 0)) ctx.addIssue({ code: "custom", path: ["weights"], message: "at least one weight must be above 0" });
    if (s.onHot === "assign" && !s.assignTo) ctx.addIssue({ code: "custom", path: ["assignTo"], message: "is required when onHot is assign" });
  });
export type ScoringSettings = z.infer<typeof scoringSettingsSchema>;

/** PATCH /api/bot-settings `scoring`: any subset; weights and bands merge with what is stored. */
export const scoringPatch = z.object({
  preset: z.enum(["default", "my21staff", "custom"]).optional(),
  weights: z.object(Object.fromEntries(COMPONENTS.map((c) => [c, weight])) as Record<Component, typeof weight>).partial().optional(),
  bands: z.object({ warm: z.number().int().min(1).max(99), hot: z.number().int().min(2).max(100) }).partial().optional(),
  onHot: z.enum(["none", "handoff", "assign"]).optional(),
  assignTo: z.string().trim().min(1).max(64).nullable().optional(),
  sentiment: z.enum(["lexicon", "workers-ai"]).optional(),
});

export const weightsOf = (s: ScoringSettings): Weights => (s.preset === "custom" ? s.weights : WEIGHT_PRESETS[s.preset]);

/** What the score remembers about a contact between messages. Times are epoch ms. */
export interface LeadState {
  /** Customer messages, decayed with a 3-day half-life. */
  activity: number;
  /** Buying signals, decayed with a 7-day half-life; hesitation takes one off. */
  intent: number;
  /** Last time each kind of buying signal was seen. */
  signals: Partial<Record<IntentKind, number>>;
  /** Moving average of the messages' sentiment (−1…1), and how many it has seen. */
  sentiment: number;
  sentimentCount: number;
  /** Moving average of how long the customer took to answer a message from the business, in seconds. */
  replySeconds: number | null;
  /** Documents and photos the customer sent. */
  documents: number;
  /** The qualification answers' points (0–100), kept by the flow engine. */
  qualification: number;
  lastInboundAt: number | null;
  /** When `activity` and `intent` were last brought to this time. */
  at: number;
}

export const emptyState = (qualification = 0, at = 0): LeadState => ({ activity: 0, intent: 0, signals: {}, sentiment: 0, sentimentCount: 0, replySeconds: null, documents: 0, qualification, lastInboundAt: null, at });

const DAY = 86_400_000;
const ACTIVITY_HALF_LIFE = 3 * DAY;
const INTENT_HALF_LIFE = 7 * DAY;
const RECENCY_HALF_LIFE = 3 * DAY;
const decay = (value: number, from: number, to: number, halfLife: number) => (to > from ? value * 0.5 ** ((to - from) / halfLife) : value);

/** Bring the decaying counters to `now`. */
export function ageState(s: LeadState, now: number): LeadState {
  return { ...s, activity: decay(s.activity, s.at, now, ACTIVITY_HALF_LIFE), intent: decay(s.intent, s.at, now, INTENT_HALF_LIFE), at: Math.max(s.at, now) };
}

export interface MessageSignal {
  at: number;
  type: string;
  intent: Intent;
  /** null for a message without text. */
  sentiment: Sentiment | null;
  /** The business's last message before this one, when the customer is answering it. */
  repliedToAt: number | null;
}

const SENTIMENT_ALPHA = 0.4;
const REPLY_ALPHA = 0.5;
const DOCUMENT_TYPES = new Set(["document", "image"]);

/** The state after one more customer message. */
export function withMessage(prev: LeadState, m: MessageSignal): LeadState {
  const s = ageState(prev, m.at);
  const signals = { ...s.signals };
  for (const k of m.intent.kinds) signals[k] = m.at;
  const gained = m.intent.kinds.length - (m.intent.hesitant ? 1.5 : 0);
  const delay = m.repliedToAt !== null && m.at >= m.repliedToAt && m.at - m.repliedToAt < DAY ? (m.at - m.repliedToAt) / 1000 : null;
  return {
    ...s,
    activity: s.activity + 1,
    intent: Math.max(0, s.intent + gained),
    signals,
    sentiment: !m.sentiment ? s.sentiment : s.sentimentCount ? (1 - SENTIMENT_ALPHA) * s.sentiment + SENTIMENT_ALPHA * m.sentiment.score : m.sentiment.score,
    sentimentCount: s.sentimentCount + (m.sentiment ? 1 : 0),
    replySeconds: delay === null ? s.replySeconds : s.replySeconds === null ? delay : (1 - REPLY_ALPHA) * s.replySeconds + REPLY_ALPHA * delay,
    documents: s.documents + (DOCUMENT_TYPES.has(m.type) ? 1 : 0),
    lastInboundAt: m.at,
  };
}

export interface ContactFacts {
  name: string | null;
  email: string | null;
  customFields: Record<string, unknown>;
  /** Confirmed bookings. */
  bookings: number;
}

export interface BreakdownItem {
  component: Component;
  /** What the component is worth at most under the tenant's weights; the items' maxima add up to 100. */
  weight: number;
  /** 0–1. */
  value: number;
  /** This component's share of the score; the items' points add up to the score. */
  points: number;
  detail: string;
}
export interface ScoreResult {
  score: number;
  band: Band;
  breakdown: BreakdownItem[];
}

const clamp01 = (n: number) => Math.max(0, Math.min(1, n));
const pct = (n: number) => `${Math.round(n * 100)}%`;

/** 1 for an answer within a minute, 0 for six hours or more, logarithmic in between. */
function speedValue(seconds: number): number {
  if (seconds <= 60) return 1;
  return clamp01(1 - Math.log(seconds / 60) / Math.log(360));
}

function components(s: LeadState, facts: ContactFacts, now: number): Record<Component, { value: number; detail: string }> {
  const frequency = clamp01(s.activity / 6);
  const days = s.lastInboundAt === null ? null : Math.max(0, (now - s.lastInboundAt) / DAY);
  const recency = days === null ? 0 : 0.5 ** (days / (RECENCY_HALF_LIFE / DAY));
  const speed = s.replySeconds === null ? null : speedValue(s.replySeconds);
  const engagement = speed === null ? 0.55 * frequency + 0.45 * recency : 0.4 * frequency + 0.3 * recency + 0.3 * speed;
  const seen = (Object.keys(s.signals) as IntentKind[]).filter((k) => now - (s.signals[k] ?? 0) < 30 * DAY);
  const filled = Object.values(facts.customFields ?? {}).some((v) => v !== null && v !== "");
  const basic = (facts.name ? 0.4 : 0) + (facts.email ? 0.3 : 0) + (filled ? 0.3 : 0);
  return {
    qualification: { value: clamp01(s.qualification / 100), detail: `${s.qualification} of 100 points from the qualification answers` },
    engagement: {
      value: clamp01(engagement),
      detail: [
        `frequency ${pct(frequency)}`,
        days === null ? "no message yet" : `last message ${days < 1 ? "today" : `${Math.floor(days)} day${Math.floor(days) === 1 ? "" : "s"} ago`}`,
        speed === null ? "reply speed unknown" : `replies in ~${Math.round(s.replySeconds!)} s`,
      ].join(", "),
    },
    intent: { value: clamp01(s.intent / 3), detail: seen.length ? `asked about ${seen.join(", ")}` : "no buying signals yet" },
    sentiment: { value: clamp01(s.sentiment), detail: s.sentimentCount ? `average ${s.sentiment >= 0 ? "+" : ""}${s.sentiment.toFixed(2)} over ${s.sentimentCount} message${s.sentimentCount === 1 ? "" : "s"}` : "no messages yet" },
    booking: { value: facts.bookings > 0 ? 1 : 0, detail: facts.bookings > 0 ? `${facts.bookings} confirmed booking${facts.bookings === 1 ? "" : "s"}` : "no booking" },
    basicInfo: { value: clamp01(basic), detail: [facts.name ? "name" : null, facts.email ? "email" : null, filled ? "custom fields" : null].filter(Boolean).join(", ") || "nothing known yet" },
    documents: { value: clamp01(s.documents / 2), detail: `${s.documents} document${s.documents === 1 ? "" : "s"} or photo${s.documents === 1 ? "" : "s"} sent` },
  };
}

export function bandOf(score: number, bands: ScoringSettings["bands"]): Band {
  return score >= bands.hot ? "hot" : score >= bands.warm ? "warm" : "cold";
}

/**
 * The score at `now`: the weights normalized to 100, each component's points
 * rounded so that the breakdown adds up to the score exactly (largest
 * remainders get the leftover points).
 */
export function scoreOf(state: LeadState, facts: ContactFacts, settings: ScoringSettings, now: number): ScoreResult {
  const s = ageState(state, now);
  const weights = weightsOf(settings);
  const total = COMPONENTS.reduce((n, c) => n + weights[c], 0) || 1;
  const parts = components(s, facts, now);
  const exact = COMPONENTS.map((c) => ({ c, max: (weights[c] * 100) / total, raw: (weights[c] * 100 * parts[c].value) / total }));
  const score = Math.min(100, Math.round(exact.reduce((n, x) => n + x.raw, 0)));
  const points = exact.map((x) => Math.floor(x.raw));
  let left = score - points.reduce((n, p) => n + p, 0);
  const order = exact.map((x, i) => ({ i, r: x.raw - Math.floor(x.raw) })).sort((a, b) => b.r - a.r);
  for (const { i } of order) {
    if (left <= 0) break;
    points[i]!++;
    left--;
  }
  const maxes = exact.map((x) => Math.round(x.max));
  return {
    score,
    band: bandOf(score, settings.bands),
    breakdown: exact.map((x, i) => ({ component: x.c, weight: maxes[i]!, value: Math.round(parts[x.c].value * 100) / 100, points: points[i]!, detail: parts[x.c].detail })).filter((b) => b.weight > 0),
  };
}
