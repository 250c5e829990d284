import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { invitationsQueryKey } from "./list-invitations";

export const revokeInvitation = (id: string) => api.delete(`/api/invitations/${encodeURIComponent(id)}`);

export function useRevokeInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: revokeInvitation,
    onSuccess: () => qc.invalidateQueries({ queryKey: invitationsQueryKey }),
  });
}
