// Quick replies: list, create, change and delete (owners and admins change them; everyone uses them).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RequestBody } from "../../api";
import { actionKey, api } from "../../lib/api";
import { quickRepliesKey } from "../conversations/api/list-quick-replies";
import type { QuickReply } from "../conversations/api/types";

export { useQuickReplies } from "../conversations/api/list-quick-replies";
export type { QuickReply };

export type QuickReplyInput = RequestBody<"/api/quick-replies", "post">;

export function useSaveQuickReply(id: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: QuickReplyInput) =>
      id
        ? api.patch<QuickReply>(`/api/quick-replies/${encodeURIComponent(id)}`, input)
        : api.post<QuickReply>("/api/quick-replies", input, { idempotencyKey: actionKey(input) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: quickRepliesKey }),
  });
}

export function useDeleteQuickReply() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/quick-replies/${encodeURIComponent(id)}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: quickRepliesKey }),
  });
}
