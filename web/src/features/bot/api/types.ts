// Shapes of the assistant and sandbox API, mirroring worker/ai/settings.ts and
// worker/routes/conversation-schemas.ts (only the fields this feature reads).
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export interface HoursRange {
  start: string;
  end: string;
}

export type ProviderName = "default" | "builtin" | "workers-ai" | "openai";

export interface BotSettings {
  enabled: boolean;
  persona: { botName: string; greeting: string; tone: "friendly" | "professional" | "concise"; defaultLanguage: "en" | "id" };
  businessHours: { enabled: boolean; timezone: string; days: Record<Weekday, HoursRange[]>; awayMessage: string };
  handoff: { onHumanRequest: boolean; negativeMessages: number; onNoKnowledge: boolean; onPhoneReply: boolean; minConfidence: number; extraHumanPhrases: string[] };
  optOut: { stopWords: string[]; startWords: string[] };
  staleMessageSeconds: number;
  burstSeconds: number;
  /** Set by the plan: shown, never sent. */
  creditCostPerAnswer: number;
  /** The models the plan allows per provider, the installation's default first. */
  allowedModels: { "workers-ai": string[]; openai: string[] };
  lowCreditThreshold: number;
  provider: { name: ProviderName; model?: string; timeoutMs: number };
  booking: BookingSettings;
  scoring: ScoringSettings;
}

export type ScoreComponent = "qualification" | "engagement" | "intent" | "sentiment" | "booking" | "basicInfo" | "documents";

/** How the lead score is weighted, its bands and what a hot lead triggers (docs/qualification.md). */
export interface ScoringSettings {
  preset: "default" | "my21staff" | "custom";
  weights: Record<ScoreComponent, number>;
  bands: { warm: number; hot: number };
  onHot: "none" | "handoff" | "assign";
  assignTo: string | null;
  sentiment: "lexicon" | "workers-ai";
}

/** When customers can book, and how the bot offers slots (docs/qualification.md). */
export interface BookingSettings {
  enabled: boolean;
  timezone: string;
  slotMinutes: number;
  daysAhead: number;
  minNoticeMinutes: number;
  offerCount: number;
  /** Hours before the slot the customer is reminded; 0 = off. */
  reminderHours?: number;
  /** Sent as the reminder outside the 24-hour window ({{1}} = the time). */
  reminderTemplate?: { name: string; language: string } | null;
  days: Record<Weekday, HoursRange[]>;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };
export type BotSettingsPatch = DeepPartial<Omit<BotSettings, "creditCostPerAnswer" | "allowedModels">>;

export const botSettingsKey = ["bot-settings"] as const;

export interface TestMessage {
  id: string;
  conversationId: string;
  direction: "inbound" | "outbound";
  author: "customer" | "bot" | "agent" | "campaign";
  text: string | null;
  status: string;
  payload: { sources?: string[]; handoff?: string; [k: string]: unknown } | null;
  createdAt: string;
}

export interface TestConversation {
  id: string;
  contactId: string;
  mode: "bot" | "human" | "paused";
  status: "open" | "closed";
}

/** Keys for the Try your bot panel, kept apart from the inbox's so its polling never disturbs it. */
export const tryBotKey = ["try-bot"] as const;

// The qualification flow (docs/qualification.md, worker/flows/definition.ts).
export const STEP_TYPES = ["choice", "number", "text", "email", "date"] as const;
export type StepType = (typeof STEP_TYPES)[number];
export type FlowPresetId = "real_estate" | "education" | "services" | "custom";

export interface FlowOption {
  label: string;
  points: number;
  aliases?: string[];
}

export interface FlowRange {
  min?: number;
  max?: number;
  points: number;
}

export interface FlowStep {
  key: string;
  label: string;
  question: string;
  type: StepType;
  options?: FlowOption[];
  ranges?: FlowRange[];
  points?: number;
}

export interface FlowInput {
  enabled: boolean;
  preset: FlowPresetId;
  qualifiedScore: number;
  handoffWhenQualified: boolean;
  completionMessage: string;
  steps: FlowStep[];
}

export interface Flow extends FlowInput {
  updatedAt: string | null;
}

export interface FlowPreset {
  id: Exclude<FlowPresetId, "custom">;
  name: string;
  description: string;
  flow: FlowInput;
}

export const flowKey = ["bot-flow"] as const;
