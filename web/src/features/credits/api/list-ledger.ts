import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import { creditsKey, type LedgerEntry } from "./types";

export const listLedger = (cursor: string | null, limit: number, signal?: AbortSignal) =>
  api.get<Page<LedgerEntry>>("/api/credits/ledger", { query: { cursor, limit }, signal });

export const ledgerQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: [...creditsKey, "ledger"],
    queryFn: ({ pageParam, signal }) => listLedger(pageParam, 25, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const useLedger = () => useInfiniteQuery(ledgerQueryOptions());
