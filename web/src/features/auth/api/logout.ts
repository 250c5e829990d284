import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { api } from "../../../lib/api";
import { paths } from "../../../lib/paths";
import { markSignedOut } from "../../../lib/session-hint";
import { toast } from "../../../lib/toast";

export const logout = () => api.post<void>("/api/auth/logout");

export function useLogout() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logout,
    onSuccess: async () => {
      markSignedOut();
      // Leave the signed-in pages before dropping their data, so nothing refetches.
      await navigate(paths.login(), { replace: true });
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== "config" });
      toast({ tone: "success", title: "You're logged out" });
    },
  });
}
