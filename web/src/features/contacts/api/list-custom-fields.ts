import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import type { CustomField } from "./types";

export const listCustomFields = (signal?: AbortSignal) => api.get<Page<CustomField>>("/api/custom-fields", { query: { limit: 200 }, signal });

export const customFieldsQueryOptions = () => queryOptions({ queryKey: ["custom-fields"], queryFn: ({ signal }) => listCustomFields(signal), staleTime: 5 * 60_000 });

export const useCustomFields = () => useQuery(customFieldsQueryOptions());
