// A local fake of Meta's Graph API: the global fetch the outbound consumer
// uses is stubbed once per test file; each test registers its phone number id
// and decides what every send returns. Every send is recorded with the time it
// arrived, so tests can count messages per recipient and per one-second bucket.
import { vi } from "vitest";
import { ownershipAnswer } from "../helpers/graph-owner";

export interface GraphSend {
  phoneNumberId: string;
  /** The recipient's number, digits only. */
  to: string;
  body: any;
  at: number;
}

/** What the fake answers a send; a promise holds the answer back (a send still on the wire). */
type Responder = (send: GraphSend, n: number) => Response | Promise<Response>;

const numbers = new Map<string, { sends: GraphSend[]; respond: Responder }>();
/** The stubbed fetch; another file's setup puts the runtime's own fetch back, and this one installs it again. */
let installed: typeof fetch | null = null;

export const accepted = (send: GraphSend, n: number) =>
  Response.json({ messaging_product: "whatsapp", contacts: [{ input: send.to, wa_id: send.to.replace(/\D/g, "") }], messages: [{ id: `wamid.${send.phoneNumberId}.${n}` }] });

export const graphError = (code: number, message: string, status = 400) =>
  Response.json({ error: { message, type: "OAuthException", code, error_data: { details: message }, fbtrace_id: "t" } }, { status });

/** Install the stub (once per file) and register a number; returns its recorded sends. */
export function fakeGraph(phoneNumberId: string, respond: Responder = accepted): GraphSend[] {
  if (installed !== globalThis.fetch) {
    // Not restored when a test ends: the queue consumers keep working after it.
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const owned = ownershipAnswer(input, init);
      if (owned) return owned;
      const url = String(input instanceof Request ? input.url : input);
      const m = /^http:\/\/127\.0\.0\.1:9\/v21\.0\/(\d+)\/messages$/.exec(url);
      const entry = m ? numbers.get(m[1]!) : undefined;
      if (!m || !entry) return new Response("no network in tests", { status: 599 });
      const body = JSON.parse(String(init?.body ?? "{}"));
      const send: GraphSend = { phoneNumberId: m[1]!, to: String(body.to).replace(/^\+/, ""), body, at: Date.now() };
      entry.sends.push(send);
      return entry.respond(send, entry.sends.length);
    });
    installed = globalThis.fetch;
  }
  const sends: GraphSend[] = [];
  numbers.set(phoneNumberId, { sends, respond });
  return sends;
}

/** The most sends that arrived in any one wall-clock second. */
export function maxPerSecond(sends: GraphSend[]): number {
  const buckets = new Map<number, number>();
  for (const s of sends) buckets.set(Math.floor(s.at / 1000), (buckets.get(Math.floor(s.at / 1000)) ?? 0) + 1);
  return Math.max(0, ...buckets.values());
}
