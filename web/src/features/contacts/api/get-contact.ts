import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { contactsKey, type Contact } from "./types";

export const contactKey = (id: string) => [...contactsKey, "detail", id] as const;

export const getContact = (id: string, signal?: AbortSignal) => api.get<Contact>(`/api/contacts/${encodeURIComponent(id)}`, { signal });

export const contactQueryOptions = (id: string) => queryOptions({ queryKey: contactKey(id), queryFn: ({ signal }) => getContact(id, signal) });

export const useContact = (id: string | null | undefined) => useQuery({ ...contactQueryOptions(id ?? ""), enabled: !!id });
