// Connecting a Meta number proves, through the Graph API, that the access token
// can use it: nobody can claim another business's number first.
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { graphBaseUrl } from "../../../worker/channels/meta-numbers";
import { connectMeta } from "../helpers/channels";
import { ownNumber } from "../helpers/graph-owner";
import { createTenant, type TenantOwner } from "../helpers/tenants";

const digits = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => String(b % 10)).join("");
const newNumber = () => "1" + digits(14);
const token = () => "EAAG" + crypto.randomUUID().replace(/-/g, "");

const metaBody = (phoneNumberId: string, accessToken: string, extra: Record<string, unknown> = {}) => ({
  type: "meta",
  name: "Sales line",
  phoneNumberId,
  accessToken,
  appSecret: "app-secret-" + crypto.randomUUID(),
  ...extra,
});

async function channelRows(owner: TenantOwner) {
  return (await env.DB.prepare("SELECT id, phone_number_id FROM channels WHERE tenant_id = ? AND type = 'meta'").bind(owner.tenant.id).all()).results;
}

/** Answer the next Graph lookups with `respond` (then back to the shared fake); records what was asked. */
function graphAnswers(respond: (url: string, init?: RequestInit) => Response | Promise<Response>) {
  const seen: { url: string; authorization: string | null }[] = [];
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    seen.push({ url, authorization: new Headers(init?.headers).get("authorization") });
    return respond(url, init);
  });
  return { seen, restore: () => spy.mockRestore() };
}

afterEach(() => vi.restoreAllMocks());

describe("connecting a Meta number", () => {
  it("asks Meta with the token and keeps what Meta shows for the number", async () => {
    const owner = await createTenant();
    const phoneNumberId = newNumber();
    const accessToken = token();
    const graph = graphAnswers(() => Response.json({ id: phoneNumberId, display_phone_number: "+62 812-3456-7890", verified_name: "Toko Melati" }));
    const res = await owner.callWithKey("POST", "/api/channels", metaBody(phoneNumberId, accessToken));
    expect(res.status, res.text).toBe(201);
    expect(graph.seen).toEqual([{ url: `http://127.0.0.1:9/v21.0/${phoneNumberId}?fields=id,display_phone_number,verified_name`, authorization: `Bearer ${accessToken}` }]);
    expect(res.json).toMatchObject({ phoneNumber: "+6281234567890", verifiedName: "Toko Melati", graphApiVersion: "v21.0" });
    expect(res.text).not.toContain(accessToken);
  });

  it("refuses a number another business's token owns: 422 naming phoneNumberId, nothing stored", async () => {
    const victim = await createTenant();
    const attacker = await createTenant();
    const phoneNumberId = newNumber();
    ownNumber(phoneNumberId, token()); // the real owner's token, which the attacker does not have
    const res = await attacker.callWithKey("POST", "/api/channels", metaBody(phoneNumberId, token()));
    expect(res.status, res.text).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.json.errors).toEqual([{ path: "phoneNumberId", message: expect.stringContaining("cannot use this phone number ID") }]);
    expect(await channelRows(attacker)).toEqual([]);
    // The owner can still connect it afterwards.
    expect(await channelRows(victim)).toEqual([]);
  });

  it("names accessToken when Meta rejects the token (190)", async () => {
    const owner = await createTenant();
    graphAnswers(() => Response.json({ error: { message: "Error validating access token: Session has expired", type: "OAuthException", code: 190, error_subcode: 463 } }, { status: 401 }));
    const res = await owner.callWithKey("POST", "/api/channels", metaBody(newNumber(), token()));
    expect(res.status, res.text).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(["accessToken"]);
    expect(await channelRows(owner)).toEqual([]);
  });

  it("names accessToken when the token lacks the WhatsApp permissions (10, 200)", async () => {
    const owner = await createTenant();
    graphAnswers(() => Response.json({ error: { message: "(#200) Permissions error", type: "OAuthException", code: 200 } }, { status: 403 }));
    const res = await owner.callWithKey("POST", "/api/channels", metaBody(newNumber(), token()));
    expect(res.status).toBe(422);
    expect(res.json.errors[0]).toMatchObject({ path: "accessToken", message: expect.stringContaining("permission") });
  });

  it("refuses an answer about a different number", async () => {
    const owner = await createTenant();
    graphAnswers(() => Response.json({ id: "999999999999999", display_phone_number: "+1 555 0100" }));
    const res = await owner.callWithKey("POST", "/api/channels", metaBody(newNumber(), token()));
    expect(res.status).toBe(422);
    expect(res.json.errors[0].path).toBe("phoneNumberId");
    expect(await channelRows(owner)).toEqual([]);
  });

  it.each([
    ["Meta is down (500)", () => Response.json({ error: { message: "An unknown error occurred", code: 1, is_transient: true } }, { status: 500 })],
    ["Meta throttles (4)", () => Response.json({ error: { message: "(#4) Application request limit reached", code: 4 } }, { status: 400 })],
    ["the network fails", () => Promise.reject(new TypeError("connection refused"))],
    ["a proxy answers HTML", () => new Response("<html>Bad gateway</html>", { status: 502 })],
  ])("answers 503 with Retry-After and stores nothing when %s", async (_what, respond) => {
    const owner = await createTenant();
    graphAnswers(respond);
    const res = await owner.callWithKey("POST", "/api/channels", metaBody(newNumber(), token()));
    expect(res.status, res.text).toBe(503);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.headers.get("retry-after")).toBe("30");
    expect(await channelRows(owner)).toEqual([]);
  });

  it("proves a rotated token too, and keeps the old one when Meta refuses the new", async () => {
    const owner = await createTenant();
    const channel = await connectMeta(owner);
    const before = await env.DB.prepare("SELECT secrets FROM channels WHERE id = ?").bind(channel.id).first<{ secrets: string }>();
    const refused = await owner.callWithKey("PATCH", `/api/channels/${channel.id}`, { accessToken: token() });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.json.errors[0].path).toBe("phoneNumberId");
    const after = await env.DB.prepare("SELECT secrets FROM channels WHERE id = ?").bind(channel.id).first<{ secrets: string }>();
    expect(after!.secrets).toBe(before!.secrets);
    // The owner's fresh token (same business) is accepted.
    const fresh = token();
    ownNumber(channel.phoneNumberId, fresh);
    expect((await owner.callWithKey("PATCH", `/api/channels/${channel.id}`, { accessToken: fresh })).status).toBe(200);
  });

  it("a WAHA channel is not asked about", async () => {
    const owner = await createTenant();
    const graph = graphAnswers(() => new Response("unexpected", { status: 599 }));
    const res = await owner.callWithKey("POST", "/api/channels", { type: "waha", name: "Phone", baseUrl: "http://127.0.0.1:3999", apiKey: "waha-key-123456", webhookSecret: "waha-secret-123456" });
    expect(res.status, res.text).toBe(201);
    expect(graph.seen).toEqual([]);
    expect(res.json.graphApiVersion).toBeNull();
  });
});

describe("Graph API version per channel", () => {
  it("replaces the configured version with the channel's own", () => {
    expect(graphBaseUrl("https://graph.facebook.com/v25.0")).toBe("https://graph.facebook.com/v25.0");
    expect(graphBaseUrl("https://graph.facebook.com/v25.0/", "v24.0")).toBe("https://graph.facebook.com/v24.0");
    expect(graphBaseUrl("https://app.kapso.ai/api/meta", "v24.0")).toBe("https://app.kapso.ai/api/meta/v24.0");
  });

  it("uses a pinned version when asking Meta, and can follow the default again", async () => {
    const owner = await createTenant();
    const phoneNumberId = newNumber();
    const graph = graphAnswers((url) =>
      url.includes("?fields=") ? Response.json({ id: phoneNumberId }) : Response.json({ messaging_product: "whatsapp", messages: [{ id: "wamid.V24" }] }),
    );
    const res = await owner.callWithKey("POST", "/api/channels", metaBody(phoneNumberId, token(), { graphApiVersion: "v24.0" }));
    expect(res.status, res.text).toBe(201);
    expect(res.json.graphApiVersion).toBe("v24.0");
    expect(graph.seen[0]!.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:9/v24\\.0/${phoneNumberId}\\?`));
    const back = await owner.callWithKey("PATCH", `/api/channels/${res.json.id}`, { graphApiVersion: null });
    expect(back.json.graphApiVersion).toBe("v21.0");
  });

  it("names graphApiVersion when it is not a version", async () => {
    const owner = await createTenant();
    const res = await owner.callWithKey("POST", "/api/channels", metaBody(newNumber(), token(), { graphApiVersion: "latest" }));
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(["graphApiVersion"]);
    const waha = await createTenant();
    const created = await waha.callWithKey("POST", "/api/channels", { type: "waha", name: "Phone", baseUrl: "http://127.0.0.1:3999", apiKey: "waha-key-123456", webhookSecret: "waha-secret-123456" });
    const patched = await waha.callWithKey("PATCH", `/api/channels/${created.json.id}`, { graphApiVersion: "v24.0" });
    expect(patched.status).toBe(400);
    expect(patched.json.errors[0].path).toBe("graphApiVersion");
  });
});
