import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { ResponseBody } from "../../../api";

export type AppConfig = ResponseBody<"/api/config", "get">;

export const getConfig = (signal?: AbortSignal) => api.get<AppConfig>("/api/config", { signal });

export const configQueryOptions = () =>
  queryOptions({ queryKey: ["config"], queryFn: ({ signal }) => getConfig(signal), staleTime: Infinity });

export const useConfig = () => useQuery(configQueryOptions());
