import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { request } from "../../../lib/api";
import { paths } from "../../../lib/paths";
import { markSignedOut } from "../../../lib/session-hint";
import { toast } from "../../../lib/toast";

// worker/routes/account.ts
export const deleteAccount = (input: { password: string }) => request<void>("DELETE", "/api/account", { body: input });

export function useDeleteAccount() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: deleteAccount,
    onSuccess: async () => {
      markSignedOut();
      await navigate(paths.login(), { replace: true });
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== "config" });
      toast({ tone: "success", title: "Your account is deleted" });
    },
  });
}
