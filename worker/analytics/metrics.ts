// The metrics analytics reports: each count of Totals, its dotted name (the
// time series' `metric`) and the rollup column it sums. docs/analytics.md
// defines exactly what each one counts.
import { analyticsBuckets } from "../db/schema";

type BucketColumn = Exclude<keyof typeof analyticsBuckets.$inferSelect, "tenantId" | "bucket">;

/** Dotted metric name → how a bucket row yields it. */
export const METRICS = {
  "conversations.new": (b) => b.conversationsNew,
  "conversations.botOnly": (b) => b.conversationsNew - b.conversationsHandedOff,
  "conversations.handedOff": (b) => b.conversationsHandedOff,
  "conversations.closed": (b) => b.conversationsClosed,
  "messages.inbound": (b) => b.messagesInbound,
  "messages.outbound.bot": (b) => b.messagesBot,
  "messages.outbound.agent": (b) => b.messagesAgent,
  "messages.outbound.campaign": (b) => b.messagesCampaign,
  "messages.delivered": (b) => b.messagesDelivered,
  "messages.read": (b) => b.messagesRead,
  "messages.failed": (b) => b.messagesFailed,
  "assistant.answered": (b) => b.assistantAnswered,
  "assistant.unanswered": (b) => b.assistantUnanswered,
  "leads.newContacts": (b) => b.leadsNewContacts,
  "leads.qualified": (b) => b.leadsQualified,
  "leads.booked": (b) => b.leadsBooked,
  "campaigns.sent": (b) => b.campaignsSent,
  "campaigns.delivered": (b) => b.campaignsDelivered,
  "campaigns.read": (b) => b.campaignsRead,
  "campaigns.replied": (b) => b.campaignsReplied,
  "credits.used": (b) => b.creditsUsed,
} as const satisfies Record<string, (b: Counters) => number>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as [MetricName, ...MetricName[]];

export type Counters = Record<BucketColumn, number>;

export const COUNTER_COLUMNS = [
      "conversationsNew",
      "conversationsHandedOff",
      "conversationsClosed",
      "messagesInbound",
      "messagesBot",
      "messagesAgent",
      "messagesCampaign",
      "messagesDelivered",
      "messagesRead",
      "messagesFailed",
      "campaignsSent",
      "campaignsDelivered",
      "campaignsRead",
      "campaignsReplied",
      "assistantAnswered",
      "assistantUnanswered",
      "leadsNewContacts",
      "leadsQualified",
      "leadsBooked",
      "creditsUsed",
      "messagesAnswered",
      "leadsAsked",
      "leadsAnswered",
] as const satisfies readonly BucketColumn[];

/** The rollup columns a metric reads (its function touches only those), so a series selects no others. */
export function columnsOf(metric: MetricName): Array<(typeof COUNTER_COLUMNS)[number]> {
  const used = new Set<(typeof COUNTER_COLUMNS)[number]>();
  const probe = new Proxy({} as Counters, {
    get: (_, key) => {
      used.add(key as (typeof COUNTER_COLUMNS)[number]);
      return 0;
    },
  });
  METRICS[metric](probe);
  return [...used];
}

export const zeroCounters = (): Counters => Object.fromEntries(COUNTER_COLUMNS.map((c) => [c, 0])) as Counters;

export interface Totals {
  conversations: { new: number; botOnly: number; handedOff: number; closed: number };
  messages: { inbound: number; outbound: { bot: number; agent: number; campaign: number }; delivered: number; read: number; failed: number };
  responseTimes: { botP50Ms: number | null; botP90Ms: number | null; humanP50Ms: number | null; humanP90Ms: number | null };
  assistant: { answered: number; unanswered: number };
  leads: { newContacts: number; qualified: number; booked: number };
  campaigns: { sent: number; delivered: number; read: number; replied: number };
  credits: { used: number };
}

export function totalsOf(b: Counters, rt: Totals["responseTimes"]): Totals {
  const m = (name: MetricName) => METRICS[name](b);
  return {
    conversations: { new: m("conversations.new"), botOnly: m("conversations.botOnly"), handedOff: m("conversations.handedOff"), closed: m("conversations.closed") },
    messages: {
      inbound: m("messages.inbound"),
      outbound: { bot: m("messages.outbound.bot"), agent: m("messages.outbound.agent"), campaign: m("messages.outbound.campaign") },
      delivered: m("messages.delivered"),
      read: m("messages.read"),
      failed: m("messages.failed"),
    },
    responseTimes: rt,
    assistant: { answered: m("assistant.answered"), unanswered: m("assistant.unanswered") },
    leads: { newContacts: m("leads.newContacts"), qualified: m("leads.qualified"), booked: m("leads.booked") },
    campaigns: { sent: m("campaigns.sent"), delivered: m("campaigns.delivered"), read: m("campaigns.read"), replied: m("campaigns.replied") },
    credits: { used: m("credits.used") },
  };
}
