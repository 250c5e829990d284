// The audit log: GET /api/audit-log, filtered and paged on the server (owners and admins).
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { Page } from "../../types/api";

export interface AuditEntry {
  id: string;
  actor: { type: "user" | "api_key" | "system"; id: string | null; name: string | null };
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  metadata: Record<string, unknown>;
  createdAt: string;
}

export interface AuditFilters {
  actorId?: string;
  action?: string;
  targetType?: string;
  /** ISO date-times: from inclusive, to exclusive. */
  from?: string;
  to?: string;
}

export const auditLogKey = ["audit-log"] as const;

export const auditLogQueryOptions = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: [...auditLogKey, "list", filters],
    queryFn: ({ pageParam, signal }) => api.get<Page<AuditEntry>>("/api/audit-log", { query: { ...filters, cursor: pageParam, limit: 50 }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const useAuditLog = (filters: AuditFilters) => useInfiniteQuery(auditLogQueryOptions(filters));

export const useAuditActions = () =>
  useQuery(queryOptions({ queryKey: [...auditLogKey, "actions"], queryFn: ({ signal }) => api.get<{ data: string[] }>("/api/audit-log/actions", { signal }) }));
