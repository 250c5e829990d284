import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { contactsKey, type ContactQualification } from "./types";

/** Under the contacts key, so live contact.updated events refresh it. */
export const contactQualificationKey = (id: string) => [...contactsKey, "qualification", id] as const;

export const getContactQualification = (id: string, signal?: AbortSignal) =>
  api.get<ContactQualification>(`/api/contacts/${encodeURIComponent(id)}/qualification`, { signal });

export const contactQualificationQueryOptions = (id: string) =>
  queryOptions({ queryKey: contactQualificationKey(id), queryFn: ({ signal }) => getContactQualification(id, signal) });

export const useContactQualification = (id: string | null | undefined) => useQuery({ ...contactQualificationQueryOptions(id ?? ""), enabled: !!id });
