import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RequestBody, Schema } from "../../api";
import { api } from "../../lib/api";
import type { Page } from "../../types/api";
import { templatesKey } from "../conversations/api/list-templates";

// Shapes of /api/templates (worker/routes/templates.ts).
export const TEMPLATE_STATUSES = ["approved", "pending", "rejected", "paused", "disabled", "in_appeal", "pending_deletion", "deleted", "limit_exceeded", "archived"] as const;
export const TEMPLATE_CATEGORIES = ["marketing", "utility", "authentication"] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

export type ManagedTemplate = Schema<"Template">;

export interface TemplateFilters {
  status?: string;
  category?: string;
  language?: string;
  channelId?: string;
}

export type TemplateInput = RequestBody<"/api/templates", "post">;

const allKey = [...templatesKey, "manage"] as const;

export const useManagedTemplates = (filters: TemplateFilters) =>
  useQuery({
    queryKey: [...allKey, filters],
    queryFn: ({ signal }) => api.get<Page<ManagedTemplate>>("/api/templates", { query: { limit: 200, ...filters }, signal }),
  });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: templatesKey });
}

export function useSaveTemplate() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id?: string; channelId: string | null; input: TemplateInput }) =>
      v.id
        ? api.patch<ManagedTemplate>(`/api/templates/${encodeURIComponent(v.id)}`, v.input)
        : v.channelId
          ? api.post<ManagedTemplate>("/api/templates/submit", { ...v.input, channelId: v.channelId })
          : api.post<ManagedTemplate>("/api/templates", v.input),
    onSuccess: invalidate,
  });
}

export function useDeleteTemplate() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => api.delete(`/api/templates/${encodeURIComponent(id)}`), onSuccess: invalidate });
}

export type SyncResult = Schema<"TemplateSync">;

export function useSyncTemplates() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (channelIds: string[]) => {
      const results: SyncResult[] = [];
      for (const channelId of channelIds) results.push(await api.post<SyncResult>("/api/templates/sync", { channelId }));
      return results;
    },
    onSettled: invalidate,
  });
}
