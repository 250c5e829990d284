// Shapes of the credits API, mirroring worker/routes/assistant.ts.
import type { Schema } from "../../../api";
export type Credits = Schema<"Credits">;

export type LedgerEntry = Schema<"CreditLedgerEntry">;

export const creditsKey = ["credits"] as const;
