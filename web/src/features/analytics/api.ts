// The analytics API (worker/routes/analytics.ts): overview totals, daily series, unanswered questions.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { QueryParams, RequestBody, ResponseBody, Schema } from "../../api";
import type { Page } from "../../types/api";

export type Totals = Schema<"AnalyticsTotals">;
export type Overview = Schema<"AnalyticsOverview">;
export type Series = Schema<"AnalyticsTimeseries">;
export type UnansweredQuestion = Schema<"UnansweredQuestion">;
export type Breakdowns = Schema<"AnalyticsBreakdowns">;
/** Tenant-local days (YYYY-MM-DD); omitted: the last 30 days. */
export type Range = Pick<QueryParams<"/api/analytics/overview", "get">, "from" | "to">;

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
    mutationFn: (input: RequestBody<"/api/analytics/unanswered/knowledge", "post">) =>
      api.post<ResponseBody<"/api/analytics/unanswered/knowledge", "post">>("/api/analytics/unanswered/knowledge", input),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: [...key, "unanswered"] });
      void qc.invalidateQueries({ queryKey: ["knowledge"] });
    },
  });
}
