import { queryOptions, useQuery } from "@tanstack/react-query";
import { creditsKey } from "./types";
import { listLedger } from "./list-ledger";

/** The latest 200 movements, enough to chart the last two weeks of usage. */
export const recentUsageQueryOptions = () =>
  queryOptions({ queryKey: [...creditsKey, "recent-usage"], queryFn: ({ signal }) => listLedger(null, 200, signal) });

export const useRecentUsage = () => useQuery(recentUsageQueryOptions());
