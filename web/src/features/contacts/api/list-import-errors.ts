import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import { contactsKey, type ImportError } from "./types";

export const listImportErrors = (id: string, signal?: AbortSignal) =>
  api.get<Page<ImportError>>(`/api/contacts/imports/${encodeURIComponent(id)}/errors`, { query: { limit: 50 }, signal });

export const importErrorsQueryOptions = (id: string) =>
  queryOptions({ queryKey: [...contactsKey, "imports", id, "errors"], queryFn: ({ signal }) => listImportErrors(id, signal) });

export const useImportErrors = (id: string, enabled: boolean) => useQuery({ ...importErrorsQueryOptions(id), enabled });

/** The whole report as a CSV file. */
export const importErrorsCsvUrl = (id: string) => `/api/contacts/imports/${encodeURIComponent(id)}/errors?format=csv`;
