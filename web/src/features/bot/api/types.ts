// Shapes of the assistant and sandbox API: the OpenAPI document's (worker/ai/settings.ts,
// worker/routes/conversation-schemas.ts, worker/flows/definition.ts).
import type { RequestBody, Schema } from "../../../api";
import type { Conversation, Message } from "../../conversations/api/types";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type BotSettings = Schema<"BotSettings">;
export type HoursRange = BotSettings["businessHours"]["days"][Weekday][number];
export type ProviderName = BotSettings["provider"]["name"];
/** How the lead score is weighted, its bands and what a hot lead triggers (docs/qualification.md). */
export type ScoringSettings = BotSettings["scoring"];
export type ScoreComponent = keyof ScoringSettings["weights"];
/** When customers can book, and how the bot offers slots (docs/qualification.md). */
export type BookingSettings = BotSettings["booking"];
/** PATCH /api/bot-settings: any subset; nested objects merge with what is stored. */
export type BotSettingsPatch = RequestBody<"/api/bot-settings", "patch">;

export const botSettingsKey = ["bot-settings"] as const;

export type TestMessage = Pick<Message, "id" | "conversationId" | "direction" | "author" | "text" | "status" | "payload" | "createdAt">;
export type TestConversation = Pick<Conversation, "id" | "contactId" | "mode" | "status">;

/** Keys for the Try your bot panel, kept apart from the inbox's so its polling never disturbs it. */
export const tryBotKey = ["try-bot"] as const;

// The qualification flow (docs/qualification.md, worker/flows/definition.ts).
export const STEP_TYPES = ["choice", "number", "text", "email", "date"] as const;
export type StepType = (typeof STEP_TYPES)[number];
export type FlowPresetId = "real_estate" | "education" | "services" | "custom";

export type Flow = Schema<"QualificationFlow">;
/** A whole flow, as read and as saved (PUT /api/bot/flow). */
export type FlowInput = Omit<Flow, "updatedAt">;
export type FlowStep = FlowInput["steps"][number];
export type FlowOption = NonNullable<FlowStep["options"]>[number];
export type FlowRange = NonNullable<FlowStep["ranges"]>[number];
export type FlowPreset = Schema<"QualificationPreset">;

export const flowKey = ["bot-flow"] as const;
