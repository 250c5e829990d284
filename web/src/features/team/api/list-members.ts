import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import type { Schema } from "../../../api";

export type Member = Schema<"Member">;

export const membersQueryKey = ["team", "members"] as const;

export const listMembers = (signal?: AbortSignal) => api.get<Page<Member>>("/api/members", { signal });

export const membersQueryOptions = () => queryOptions({ queryKey: membersQueryKey, queryFn: ({ signal }) => listMembers(signal) });

export const useMembers = () => useQuery(membersQueryOptions());
