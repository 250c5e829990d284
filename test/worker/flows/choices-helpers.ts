// A tenant whose assistant is driven by the test (bot off), with a flow and booking settings.
import { expect } from "vitest";
import { quietTenant } from "../helpers/assistant";

export async function quietTenantWith(opts: { flow: unknown; booking?: Record<string, unknown> }) {
  const owner = await quietTenant();
  const flow = await owner.callWithKey("PUT", "/api/bot/flow", opts.flow);
  expect(flow.status, flow.text).toBe(200);
  if (opts.booking) {
    const res = await owner.callWithKey("PATCH", "/api/bot-settings", { booking: opts.booking });
    expect(res.status, res.text).toBe(200);
  }
  return owner;
}
