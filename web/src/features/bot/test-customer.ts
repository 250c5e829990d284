// The test customer Try your bot writes as: a fixed fictional phone number per
// browser and workspace (kept in localStorage), and its conversation once known.
import { useCallback, useState } from "react";

export interface TestCustomer {
  phone: string;
  /** Counts test customers in this browser, for a readable name. */
  number: number;
  conversationId: string | null;
}

const storageKey = (tenantId: string) => `parley.try-bot.${tenantId}`;

/** +1 555 numbers are reserved for fiction, so a test number never reaches a real person. */
function randomPhone(): string {
  const digits = Array.from(crypto.getRandomValues(new Uint8Array(7)), (b) => String(b % 10)).join("");
  return `+1555${digits}`;
}

function load(tenantId: string): TestCustomer | null {
  try {
    const raw = localStorage.getItem(storageKey(tenantId));
    const v = raw ? (JSON.parse(raw) as Partial<TestCustomer>) : null;
    if (v && typeof v.phone === "string" && /^\+\d{8,15}$/.test(v.phone)) {
      return { phone: v.phone, number: typeof v.number === "number" ? v.number : 1, conversationId: typeof v.conversationId === "string" ? v.conversationId : null };
    }
  } catch {
    /* storage unavailable or corrupt: start over */
  }
  return null;
}

function save(tenantId: string, c: TestCustomer) {
  try {
    localStorage.setItem(storageKey(tenantId), JSON.stringify(c));
  } catch {
    /* private mode: the customer lasts for this page only */
  }
}

export function useTestCustomer(tenantId: string) {
  const [customer, setCustomer] = useState<TestCustomer>(() => {
    const stored = load(tenantId);
    if (stored) return stored;
    const fresh = { phone: randomPhone(), number: 1, conversationId: null };
    save(tenantId, fresh);
    return fresh;
  });

  const update = useCallback(
    (next: TestCustomer) => {
      save(tenantId, next);
      setCustomer(next);
    },
    [tenantId],
  );

  const setConversation = useCallback((conversationId: string) => update({ ...customer, conversationId }), [customer, update]);
  const startOver = useCallback(() => update({ phone: randomPhone(), number: customer.number + 1, conversationId: null }), [customer, update]);

  return { customer, setConversation, startOver };
}
