// Fault injection: a test-only switch that makes named points of the pipeline
// throw, so tests and the local reliability run can prove that nothing is lost
// and nothing is sent twice when a step dies half-way.
//
// Two ways to turn a point on; with neither, `injectFault` returns at once and
// changes nothing (one Map size check and one property read):
//
// 1. Rates, from the `FAULT_INJECTION` var (a local `wrangler dev` run):
//      FAULT_INJECTION='{"conversation.afterInsert":0.05,"outbound.afterProviderAccepted":0.05,"responder":0.05}'
//    A JSON object from point name to a probability in [0, 1]: that share of
//    the calls passing the point throw an `InjectedFault`. The first call at a
//    point with a rate above 0 always throws (once per isolate and value), so a
//    short run exercises every point it reaches instead of missing one by
//    chance; the rate applies from the second call on. Unknown point names
//    and rates outside [0, 1] are configuration errors (parseConfig refuses
//    them), and production refuses to start with the var set at all.
//
// 2. Armed faults, from test code running in the worker's isolate:
//      armFault("conversation.afterInsert", { key: providerMessageId });          // fail once for that key
//      armFault("outbound.afterProviderAccepted", { times: Infinity });            // fail every time
//      disarmFaults();                                                              // clear all (afterEach)
//    `key` limits the fault to calls for that key (the key of each point is
//    listed below); `times` (default 1) is how many calls fail before the fault
//    disarms itself. `injectedFaults()` returns how many armed faults fired.
//
// Points and their keys:
//   conversation.afterClaim           ConversationDO.receive, after the provider id is claimed,
//                                     before D1 is touched                    key: provider message id
//   conversation.afterInsert          after the message row is inserted, before message.received
//                                     is emitted                              key: provider message id
//   conversation.afterEmit            after message.received is emitted, before the answer is
//                                     scheduled                               key: provider message id
//   outbound.afterProviderAccepted    the outbound consumer after the provider accepted a send,
//                                     before the row is marked sent           key: message id
//   responder                         the assistant's turn, before it starts   key: conversation id
//
// A fault is an exception thrown at the point, which is what an evicted object,
// a dropped connection or a crashed consumer look like to the caller.

export const FAULT_POINTS = [
  "conversation.afterClaim",
  "conversation.afterInsert",
  "conversation.afterEmit",
  "outbound.afterProviderAccepted",
  "responder",
] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

export class InjectedFault extends Error {
  constructor(readonly point: FaultPoint) {
    super(`injected fault at ${point}`);
    this.name = "InjectedFault";
  }
}

interface Armed {
  point: FaultPoint;
  key: string | undefined;
  remaining: number;
}

const armed: Armed[] = [];
let fired = 0;

/** Make `point` throw for the next `times` calls (default 1), only for `key` when given. Test code only. */
export function armFault(point: FaultPoint, opts: { key?: string; times?: number } = {}): void {
  armed.push({ point, key: opts.key, remaining: opts.times ?? 1 });
}

/** Forget every armed fault and reset the fired count. */
export function disarmFaults(): void {
  armed.length = 0;
  fired = 0;
  cachedSource = undefined;
}

/** How many armed faults have fired since the last disarmFaults(). */
export function injectedFaults(): number {
  return fired;
}

/** Parse a FAULT_INJECTION value; returns problems instead of throwing (used by parseConfig). */
export function parseFaultRates(value: string): { rates: Partial<Record<FaultPoint, number>>; problems: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { rates: {}, problems: ["FAULT_INJECTION must be a JSON object of point name → rate"] };
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    return { rates: {}, problems: ["FAULT_INJECTION must be a JSON object of point name → rate"] };
  }
  const rates: Partial<Record<FaultPoint, number>> = {};
  const problems: string[] = [];
  for (const [name, rate] of Object.entries(parsed)) {
    if (!(FAULT_POINTS as readonly string[]).includes(name)) problems.push(`FAULT_INJECTION: unknown point "${name}" (known: ${FAULT_POINTS.join(", ")})`);
    else if (typeof rate !== "number" || !(rate >= 0 && rate <= 1)) problems.push(`FAULT_INJECTION: the rate of "${name}" must be a number from 0 to 1`);
    else rates[name as FaultPoint] = rate;
  }
  return { rates, problems };
}

let cachedSource: string | undefined;
let cachedRates: Partial<Record<FaultPoint, number>> = {};
// Points with a rate whose first call has not failed yet under the cached value.
let firstPending = new Set<FaultPoint>();

function rateOf(source: string, point: FaultPoint): number {
  if (source !== cachedSource) {
    cachedRates = parseFaultRates(source).rates;
    cachedSource = source;
    firstPending = new Set((Object.keys(cachedRates) as FaultPoint[]).filter((p) => (cachedRates[p] ?? 0) > 0));
  }
  if (firstPending.delete(point)) return 1;
  return cachedRates[point] ?? 0;
}

/** Throw an InjectedFault if `point` is switched on for this call; otherwise do nothing. */
export function injectFault(env: { FAULT_INJECTION?: string }, point: FaultPoint, key?: string): void {
  if (armed.length) {
    const i = armed.findIndex((a) => a.point === point && (a.key === undefined || a.key === key));
    if (i >= 0) {
      const a = armed[i]!;
      if (--a.remaining <= 0) armed.splice(i, 1);
      fired++;
      throw new InjectedFault(point);
    }
  }
  const source = env.FAULT_INJECTION;
  if (source && Math.random() < rateOf(source, point)) throw new InjectedFault(point);
}
