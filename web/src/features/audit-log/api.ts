// The audit log: GET /api/audit-log, filtered and paged on the server (owners and admins).
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { ResponseBody, Schema } from "../../api";
import { api } from "../../lib/api";
import type { Page } from "../../types/api";

export type AuditEntry = Schema<"AuditEntry">;

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
  useQuery(queryOptions({ queryKey: [...auditLogKey, "actions"], queryFn: ({ signal }) => api.get<ResponseBody<"/api/audit-log/actions", "get">>("/api/audit-log/actions", { signal }) }));
