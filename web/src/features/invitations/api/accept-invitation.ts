import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { markSignedIn } from "../../../lib/session-hint";
import type { SessionStart } from "../../auth/api/session";
import { invitationLookupKeyRoot } from "./lookup-invitation";
import type { RequestBody } from "../../../api";

export type AcceptInvitationInput = RequestBody<"/api/invitations/accept", "post">;

export const acceptInvitation = (input: AcceptInvitationInput) => api.post<SessionStart>("/api/invitations/accept", input);

export function useAcceptInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: acceptInvitation,
    onSuccess: () => {
      markSignedIn();
      // Drop what a previous session cached. The invitation's own lookup stays: the page
      // showing it is still on screen, and refetching a used invitation only answers 410.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== "config" && q.queryKey[0] !== invitationLookupKeyRoot });
    },
  });
}
