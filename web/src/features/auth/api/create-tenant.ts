import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { api } from "../../../lib/api";
import { paths } from "../../../lib/paths";
import { toast } from "../../../lib/toast";
import type { TenantWithRole } from "../../../types/api";
import { resetForNewTenant } from "./tenant-change";

export const createTenant = (input: { name: string }) => api.post<TenantWithRole>("/api/tenants", input);

/** Creates another business owned by you; the session moves to it. */
export function useCreateTenant() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: createTenant,
    onSuccess: async (tenant) => {
      await navigate(paths.overview);
      await resetForNewTenant(qc);
      toast({ tone: "success", title: `${tenant.name} is ready`, description: "You're its owner, and it's now the business you're working in." });
    },
  });
}
