import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import type { Template } from "./types";

export const templatesKey = ["templates"] as const;

export const listTemplates = (signal?: AbortSignal) => api.get<Page<Template>>("/api/templates", { query: { limit: 200, status: "approved" }, signal });

export const templatesQueryOptions = () => queryOptions({ queryKey: templatesKey, queryFn: ({ signal }) => listTemplates(signal), staleTime: 5 * 60_000 });

export const useTemplates = (enabled = true) => useQuery({ ...templatesQueryOptions(), enabled });
