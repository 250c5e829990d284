// After the session's tenant changes, every cached answer belongs to the old
// tenant: drop it all, refresh who we are, and start from the overview.
import type { QueryClient } from "@tanstack/react-query";
import { meQueryKey } from "./get-me";

export async function resetForNewTenant(qc: QueryClient): Promise<void> {
  await qc.cancelQueries();
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== "config" && q.queryKey[0] !== meQueryKey[0] });
  await qc.invalidateQueries({ queryKey: meQueryKey });
}
