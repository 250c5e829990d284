import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { contactsKey, type ContactImport } from "./types";

export const getImport = (id: string, signal?: AbortSignal) => api.get<ContactImport>(`/api/contacts/imports/${encodeURIComponent(id)}`, { signal });

const running = (i: ContactImport | undefined) => i?.status === "queued" || i?.status === "processing";

/** Polls every second while the import runs. */
export const importQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...contactsKey, "imports", id],
    queryFn: ({ signal }) => getImport(id, signal),
    refetchInterval: (q) => (running(q.state.data) ? 1000 : false),
  });

export const useImport = (id: string | null, initial?: ContactImport) =>
  useQuery({ ...importQueryOptions(id ?? ""), enabled: id !== null && running(initial), initialData: initial });
