import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page, Role } from "../../../types/api";
import { membersQueryKey, type Member } from "./list-members";

export interface UpdateMemberRoleInput {
  userId: string;
  role: Role;
}

export const updateMemberRole = ({ userId, role }: UpdateMemberRoleInput) =>
  api.patch<Member>(`/api/members/${encodeURIComponent(userId)}`, { role });

export function useUpdateMemberRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: updateMemberRole,
    onSuccess: (member) => {
      qc.setQueryData<Page<Member>>(membersQueryKey, (page) =>
        page ? { ...page, data: page.data.map((m) => (m.userId === member.userId ? member : m)) } : page,
      );
      void qc.invalidateQueries({ queryKey: membersQueryKey });
    },
  });
}
