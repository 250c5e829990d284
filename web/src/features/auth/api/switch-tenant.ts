import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { api } from "../../../lib/api";
import { paths } from "../../../lib/paths";
import { toast } from "../../../lib/toast";
import type { SessionStart } from "./session";
import { resetForNewTenant } from "./tenant-change";

export const switchTenant = (tenantId: string) => api.post<SessionStart>("/api/auth/switch-tenant", { tenantId });

export function useSwitchTenant() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: switchTenant,
    onSuccess: async (result) => {
      await navigate(paths.overview);
      await resetForNewTenant(qc);
      toast({ tone: "success", title: `Switched to ${result.tenant.name}` });
    },
  });
}
