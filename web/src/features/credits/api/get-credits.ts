import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { creditsKey, type Credits } from "./types";

export const getCredits = (signal?: AbortSignal) => api.get<Credits>("/api/credits", { signal });

/** Also read by the app-wide low-credit banner, so kept fresh every minute. */
export const creditsQueryOptions = () => queryOptions({ queryKey: [...creditsKey, "summary"], queryFn: ({ signal }) => getCredits(signal), refetchInterval: 60_000 });

export const useCredits = () => useQuery(creditsQueryOptions());
