import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page, Role } from "../../../types/api";

export interface Member {
  id: string;
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  joinedAt: string;
}

export const membersQueryKey = ["team", "members"] as const;

export const listMembers = (signal?: AbortSignal) => api.get<Page<Member>>("/api/members", { signal });

export const membersQueryOptions = () => queryOptions({ queryKey: membersQueryKey, queryFn: ({ signal }) => listMembers(signal) });

export const useMembers = () => useQuery(membersQueryOptions());
