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
  handoff: { onHumanRequest: boolean; negativeMessages: number; onNoKnowledge: boolean; minConfidence: number; extraHumanPhrases: string[] };
  optOut: { stopWords: string[]; startWords: string[] };
  staleMessageSeconds: number;
  burstSeconds: number;
  creditCostPerAnswer: number;
  lowCreditThreshold: number;
  provider: { name: ProviderName; model?: string; timeoutMs: number };
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };
export type BotSettingsPatch = DeepPartial<BotSettings>;

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
  mode: "bot" | "human" | "paused";
  status: "open" | "closed";
}

/** Keys for the Try your bot panel, kept apart from the inbox's so its polling never disturbs it. */
export const tryBotKey = ["try-bot"] as const;
