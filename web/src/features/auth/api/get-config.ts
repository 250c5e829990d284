import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";

export interface AppConfig {
  environment: string;
  publicUrl: string;
  /** The seeded demo login; only present on local and preview stacks. */
  demo: { email: string; password: string } | null;
}

export const getConfig = (signal?: AbortSignal) => api.get<AppConfig>("/api/config", { signal });

export const configQueryOptions = () =>
  queryOptions({ queryKey: ["config"], queryFn: ({ signal }) => getConfig(signal), staleTime: Infinity });

export const useConfig = () => useQuery(configQueryOptions());
