import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { Page } from "../../types/api";
import { templatesKey } from "../conversations/api/list-templates";

// Shapes of /api/templates (worker/routes/templates.ts).
export const TEMPLATE_STATUSES = ["approved", "pending", "rejected", "paused", "disabled", "in_appeal", "pending_deletion", "deleted", "limit_exceeded", "archived"] as const;
export const TEMPLATE_CATEGORIES = ["marketing", "utility", "authentication"] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

export interface ManagedTemplate {
  id: string;
  name: string;
  language: string;
  category: TemplateCategory;
  status: (typeof TEMPLATE_STATUSES)[number];
  quality: string | null;
  statusReason: string | null;
  components: Array<Record<string, unknown>>;
  source: "meta" | "local";
  channelId: string | null;
  providerTemplateId: string | null;
  syncedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TemplateFilters {
  status?: string;
  category?: string;
  language?: string;
  channelId?: string;
}

export interface TemplateInput {
  name: string;
  language: string;
  category: TemplateCategory;
  components: Array<Record<string, unknown>>;
}

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

export interface SyncResult {
  channelId: string;
  fetched: number;
  created: number;
  updated: number;
  removed: number;
  skipped: number;
}

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
