import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import { contactsKey, type Contact } from "./types";

export type ContactSort = "created" | "lastMessage" | "score";

export interface ContactFilters {
  q?: string;
  tag?: string;
  stage?: string;
  optedOut?: "true" | "false";
  sort?: ContactSort;
}

export const listContacts = (filters: ContactFilters, cursor: string | null, signal?: AbortSignal) =>
  api.get<Page<Contact>>("/api/contacts", { query: { ...filters, limit: 50, cursor }, signal });

export const contactsQueryOptions = (filters: ContactFilters) =>
  infiniteQueryOptions({
    queryKey: [...contactsKey, "list", filters],
    queryFn: ({ pageParam, signal }) => listContacts(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });

export const useContacts = (filters: ContactFilters) => useInfiniteQuery(contactsQueryOptions(filters));

/** The same filters as a CSV download link. */
export function contactsExportUrl(filters: ContactFilters): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  const qs = params.toString();
  return `/api/contacts/export.csv${qs ? `?${qs}` : ""}`;
}
