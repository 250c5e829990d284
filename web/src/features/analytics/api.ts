// The analytics API (worker/routes/analytics.ts): overview totals, daily series, unanswered questions.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { Page } from "../../types/api";

export interface Totals {
  conversations: { new: number; botOnly: number; handedOff: number; closed: number };
  messages: { inbound: number; outbound: { bot: number; agent: number; campaign: number }; delivered: number; read: number; failed: number };
  responseTimes: { botP50Ms: number | null; botP90Ms: number | null; humanP50Ms: number | null; humanP90Ms: number | null };
  assistant: { answered: number; unanswered: number };
  leads: { newContacts: number; qualified: number; booked: number };
  campaigns: { sent: number; delivered: number; read: number; replied: number };
  credits: { used: number };
}
export interface Overview {
  range: { from: string; to: string };
  current: Totals;
  previous: Totals;
}
export interface Series {
  metric: string;
  data: Array<{ date: string; value: number }>;
}
export interface UnansweredQuestion {
  question: string;
  count: number;
  lastAskedAt: string;
  conversationIds: string[];
}
export interface Breakdowns {
  range: { from: string; to: string };
  conversations: {
    new: number;
    byChannel: Array<{ channelId: string; name: string | null; type: string | null; count: number }>;
    handedOff: number;
    byHandoffReason: Array<{ reason: string; count: number }>;
  };
  messages: {
    outbound: number;
    delivered: number;
    read: number;
    failed: number;
    deliveryRate: number | null;
    readRate: number | null;
    failuresByReason: Array<{ code: string | null; title: string; count: number }>;
  };
  responsiveness: { customerMessages: number; answered: number; answeredRate: number | null; repliesWhileClosed: { bot: number; agent: number } | null };
  leads: {
    funnel: { asked: number; answered: number; qualified: number; booked: number };
    scoreDistribution: Array<{ min: number; max: number; count: number }>;
    hotWaiting: { count: number; conversations: Array<{ conversationId: string; contactId: string; name: string | null; phone: string; waitingSince: string }> };
    cold: { days: number; count: number };
  };
  credits: { used: number; balance: number | null; usedPerDayLastWeek: number; projectedExhaustion: string | null };
}
export interface Range {
  from?: string;
  to?: string;
}

const key = ["analytics"] as const;

export const useOverview = (range: Range) =>
  useQuery({
    queryKey: [...key, "overview", range],
    queryFn: ({ signal }) => api.get<Overview>("/api/analytics/overview", { query: { ...range }, signal }),
    placeholderData: keepPreviousData,
  });

export const useSeries = (metric: string, range: Range) =>
  useQuery({
    queryKey: [...key, "series", metric, range],
    queryFn: ({ signal }) => api.get<Series>("/api/analytics/timeseries", { query: { metric, ...range }, signal }),
    placeholderData: keepPreviousData,
  });

export const useBreakdowns = (range: Range) =>
  useQuery({
    queryKey: [...key, "breakdowns", range],
    queryFn: ({ signal }) => api.get<Breakdowns>("/api/analytics/breakdowns", { query: { ...range }, signal }),
    placeholderData: keepPreviousData,
  });

export const useUnanswered = (range: Range) =>
  useQuery({
    queryKey: [...key, "unanswered", range],
    queryFn: ({ signal }) => api.get<Page<UnansweredQuestion>>("/api/analytics/unanswered", { query: { ...range, limit: 20 }, signal }),
  });

export function useAnswerQuestion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { question: string; title: string; content: string }) => api.post<{ resolved: number }>("/api/analytics/unanswered/knowledge", input),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: [...key, "unanswered"] });
      void qc.invalidateQueries({ queryKey: ["knowledge"] });
    },
  });
}
