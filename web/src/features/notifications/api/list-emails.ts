import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import type { Schema } from "../../../api";

// Shapes of GET /api/emails (worker/routes/notifications.ts).
export type EmailKind = "channel_alert" | "conversation_assigned" | "invitation" | "password_reset";
export type EmailStatus = "pending" | "sent" | "failed" | "outbox";

export type Email = Schema<"Email">;

export type EmailPage = Page<Email> & { delivery: "provider" | "outbox" };

export const emailsKey = ["emails"] as const;

export const listEmails = (cursor: string | null, signal?: AbortSignal) => api.get<EmailPage>("/api/emails", { query: { cursor, limit: 50 }, signal });

export const useEmails = () =>
  useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: emailsKey,
      queryFn: ({ pageParam, signal }) => listEmails(pageParam, signal),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
    }),
  );
