import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { deadLettersKey, type DeadLetter } from "./types";

export const getDeadLetter = (id: string, signal?: AbortSignal) => api.get<DeadLetter>(`/api/dead-letters/${encodeURIComponent(id)}`, { signal });

export const deadLetterQueryOptions = (id: string) => queryOptions({ queryKey: [...deadLettersKey, "detail", id], queryFn: ({ signal }) => getDeadLetter(id, signal) });

export const useDeadLetter = (id: string | null) => useQuery({ ...deadLetterQueryOptions(id ?? ""), enabled: id !== null });
