import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { invitationsQueryKey } from "./list-invitations";
import type { RequestBody, ResponseBody } from "../../../api";

export type CreateInvitationInput = RequestBody<"/api/invitations", "post">;

/** The link (url) is returned only in this answer. */
export type CreatedInvitation = ResponseBody<"/api/invitations", "post">;

export const createInvitation = (input: CreateInvitationInput) => api.post<CreatedInvitation>("/api/invitations", input);

export function useCreateInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createInvitation,
    onSuccess: () => qc.invalidateQueries({ queryKey: invitationsQueryKey }),
  });
}
