import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { membersQueryKey } from "./list-members";

export const removeMember = (userId: string) => api.delete(`/api/members/${encodeURIComponent(userId)}`);

export function useRemoveMember() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: removeMember,
    onSuccess: () => qc.invalidateQueries({ queryKey: membersQueryKey }),
  });
}
