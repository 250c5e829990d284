// Campaigns: the API's shapes and the queries and mutations the pages use.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { RequestBody, Schema } from "../../api";
import type { Page } from "../../types/api";

export type Campaign = Schema<"Campaign">;
export type CampaignStatus = Campaign["status"];
export type CampaignCounts = Campaign["counts"];
export type Audience = Campaign["audience"];
export type CampaignMessage = Campaign["message"];
/** A template parameter: a fixed text, or a contact field with its fallback. */
export type Parameter = Extract<NonNullable<Extract<CampaignMessage, { template: unknown }>["template"]["parameters"]>, unknown[]>[number];
export type Preview = Schema<"CampaignPreview">;
export type Recipient = Schema<"CampaignRecipient">;
export type RecipientStatus = Recipient["status"];
export type CreateCampaignInput = RequestBody<"/api/campaigns", "post">;

export const campaignsKey = ["campaigns"] as const;
const live = (c: Campaign | undefined) => c && (c.status === "sending" || c.status === "scheduled" || (c.status === "cancelled" && c.counts.queued > c.counts.sent + c.counts.failed + c.counts.skipped));

export const useCampaigns = () =>
  useQuery({
    queryKey: [...campaignsKey, "list"],
    queryFn: ({ signal }) => api.get<Page<Campaign>>("/api/campaigns", { query: { limit: 100 }, signal }),
    refetchInterval: (q) => (q.state.data?.data.some((c) => live(c)) ? 3000 : false),
  });

export const useCampaign = (id: string) =>
  useQuery({
    queryKey: [...campaignsKey, "one", id],
    queryFn: ({ signal }) => api.get<Campaign>(`/api/campaigns/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: (q) => (live(q.state.data) ? 2000 : false),
  });

export const listRecipients = (id: string, q: { status?: string; cursor?: string | null; limit?: number }, signal?: AbortSignal) =>
  api.get<Page<Recipient>>(`/api/campaigns/${encodeURIComponent(id)}/recipients`, { query: { limit: q.limit ?? 50, status: q.status || undefined, cursor: q.cursor ?? undefined }, signal });

export const useRecipients = (id: string, status: string, refresh: boolean) =>
  useQuery({
    queryKey: [...campaignsKey, "recipients", id, status],
    queryFn: ({ signal }) => listRecipients(id, { status, limit: 100 }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: refresh ? 3000 : false,
  });

export const usePreview = (input: RequestBody<"/api/campaigns/preview", "post"> | null) =>
  useQuery({
    queryKey: [...campaignsKey, "preview", input],
    queryFn: ({ signal }) => api.post<Preview>("/api/campaigns/preview", input, { signal }),
    enabled: !!input?.channelId,
    placeholderData: keepPreviousData,
  });

export function useCreateCampaign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCampaignInput) => api.post<Campaign>("/api/campaigns", input),
    onSuccess: () => qc.invalidateQueries({ queryKey: campaignsKey }),
  });
}

export type TestSendResult = Schema<"CampaignTestSend">;

/** The campaign's message to one number now, as a test: not a recipient, not counted; opted-out numbers are refused. */
export const useTestSend = () =>
  useMutation({
    mutationFn: (input: RequestBody<"/api/campaigns/test-send", "post">) => api.post<TestSendResult>("/api/campaigns/test-send", input),
  });

export type CampaignAction = "start" | "pause" | "resume" | "cancel";

export function useCampaignAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (action: CampaignAction) => api.post<Campaign>(`/api/campaigns/${encodeURIComponent(id)}/${action}`),
    onSuccess: (c) => {
      qc.setQueryData([...campaignsKey, "one", id], c);
      return qc.invalidateQueries({ queryKey: campaignsKey });
    },
  });
}

/** Every recipient, page by page, as CSV text. */
export async function recipientsCsv(id: string): Promise<string> {
  const rows: Recipient[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Recipient> = await listRecipients(id, { cursor, limit: 200 });
    rows.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  const esc = (v: string | null) => {
    const s = v ?? "";
    // A leading = + - @ would run as a formula in a spreadsheet.
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = ["contact_id,phone,status,error_code,error,message_id,sent_at"];
  for (const r of rows) lines.push([r.contactId, r.phone, r.status, r.error?.code ?? "", r.error?.title ?? "", r.messageId ?? "", r.sentAt ?? ""].map(esc).join(","));
  return lines.join("\n") + "\n";
}

export const STATUS_LABEL: Record<CampaignStatus, string> = {
  draft: "Draft",
  scheduled: "Scheduled",
  sending: "Sending",
  paused: "Paused",
  completed: "Completed",
  cancelled: "Cancelled",
};

export const STATUS_TONE: Record<CampaignStatus, "neutral" | "accent" | "success" | "danger" | "warning"> = {
  draft: "neutral",
  scheduled: "accent",
  sending: "accent",
  paused: "warning",
  completed: "success",
  cancelled: "neutral",
};

/** Share of the audience that has been handled (sent, failed or skipped). */
export function progressOf(c: Campaign): number {
  if (c.audienceCount === 0) return c.status === "completed" ? 100 : 0;
  const done = c.counts.sent + c.counts.failed + c.counts.skipped;
  return Math.min(100, Math.round((done / c.audienceCount) * 100));
}
