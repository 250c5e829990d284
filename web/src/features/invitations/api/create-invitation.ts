import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Role } from "../../../types/api";
import { invitationsQueryKey, type Invitation } from "./list-invitations";

export interface CreateInvitationInput {
  email: string;
  role: Role;
}

/** The link (url) is returned only in this answer. */
export interface CreatedInvitation extends Invitation {
  token: string;
  url: string;
}

export const createInvitation = (input: CreateInvitationInput) => api.post<CreatedInvitation>("/api/invitations", input);

export function useCreateInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createInvitation,
    onSuccess: () => qc.invalidateQueries({ queryKey: invitationsQueryKey }),
  });
}
