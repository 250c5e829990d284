import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { ResponseBody } from "../../../api";

export type Me = ResponseBody<"/api/me", "get">;

export const meQueryKey = ["me"] as const;

export const getMe = (signal?: AbortSignal) => api.get<Me>("/api/me", { signal });

export const meQueryOptions = () => queryOptions({ queryKey: meQueryKey, queryFn: ({ signal }) => getMe(signal), staleTime: 60_000 });

export const useMe = (opts: { enabled?: boolean } = {}) => useQuery({ ...meQueryOptions(), ...opts });
