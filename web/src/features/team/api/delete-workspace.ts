import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import type { RequestBody, ResponseBody } from "../../../api";
import { api, request } from "../../../lib/api";
import { paths } from "../../../lib/paths";
import { markSignedOut } from "../../../lib/session-hint";
import { toast } from "../../../lib/toast";
import { meQueryKey, type Me } from "../../auth/api/get-me";
import { resetForNewTenant } from "../../auth/api/tenant-change";

export type WorkspaceDeletion = ResponseBody<"/api/tenant", "delete">;
export type DeleteWorkspaceInput = RequestBody<"/api/tenant", "delete">;

export const deleteWorkspace = (input: DeleteWorkspaceInput) => request<WorkspaceDeletion>("DELETE", "/api/tenant", { body: input });

/**
 * Where a signed-in person goes once a workspace is gone: their next workspace
 * (the session falls back to it), or signed out to the goodbye page, which
 * drops the cached data once the signed-in pages are gone.
 */
export async function leaveDeletedWorkspace(
  qc: ReturnType<typeof useQueryClient>,
  navigate: ReturnType<typeof useNavigate>,
  deleted: { id: string; name: string },
): Promise<void> {
  const others = (qc.getQueryData<Me>(meQueryKey)?.tenants ?? []).filter((t) => t.id !== deleted.id);
  if (others.length) {
    await navigate(paths.overview, { replace: true });
    await resetForNewTenant(qc);
    toast({ tone: "success", title: `${deleted.name} is deleted`, description: `You're now in ${others[0]!.name}.` });
    return;
  }
  await api.post<void>("/api/auth/logout").catch(() => undefined);
  markSignedOut();
  await navigate(paths.goodbye({ workspace: deleted.name }), { replace: true });
}

export function useDeleteWorkspace() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: deleteWorkspace,
    onSuccess: (result) => leaveDeletedWorkspace(qc, navigate, result),
  });
}
