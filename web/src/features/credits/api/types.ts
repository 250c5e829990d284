// Shapes of the credits API, mirroring worker/routes/assistant.ts.
export interface Credits {
  balance: number;
  monthlyCredits: number;
  plan: string;
  periodStart: string;
  periodEndsAt: string;
  burnPerDay: number;
  projectedExhaustionAt: string | null;
}

export interface LedgerEntry {
  id: string;
  delta: number;
  reason: "monthly_grant" | "answer" | "refund" | "adjustment";
  reference: string | null;
  balanceAfter: number;
  metadata: Record<string, unknown> | null;
  createdAt: string;
}

export const creditsKey = ["credits"] as const;
