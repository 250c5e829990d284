import { describe, expect, it } from "vitest";
import { classifyGraphError, metaClient } from "../../../worker/channels/meta";
import { fakeFetch, json } from "./helpers";

const cfg = { graphBaseUrl: "https://graph.facebook.com/v24.0/", phoneNumberId: "220000000000001", accessToken: "EAAG-test-token" };
const URL_ = "https://graph.facebook.com/v24.0/220000000000001/messages";
const accepted = (id = "wamid.OUT1") =>
  json({ messaging_product: "whatsapp", contacts: [{ input: "+15557654321", wa_id: "15557654321" }], messages: [{ id }] });
const graphError = (code: number, message: string, details?: string, status = 400, headers: Record<string, string> = {}) =>
  json({ error: { message, type: "OAuthException", code, ...(details ? { error_data: { messaging_product: "whatsapp", details } } : {}), fbtrace_id: "AbC" } }, status, headers);

describe("metaClient.send: requests", () => {
  it("text: URL, bearer token, JSON body with '+' recipient and reply context", async () => {
    const { fetcher, requests } = fakeFetch(accepted());
    const result = await metaClient(cfg, fetcher).send({ type: "text", to: "15557654321", text: "Your order is ready", previewUrl: true, replyTo: "wamid.IN1" });
    expect(result).toEqual({ ok: true, providerMessageId: "wamid.OUT1" });
    expect(requests).toHaveLength(1);
    const [req] = requests;
    expect(req?.url).toBe(URL_);
    expect(req?.method).toBe("POST");
    expect(req?.headers.get("authorization")).toBe("Bearer EAAG-test-token");
    expect(req?.headers.get("content-type")).toBe("application/json");
    expect(req?.signal).toBeInstanceOf(AbortSignal);
    expect(req?.body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "+15557654321",
      type: "text",
      text: { preview_url: true, body: "Your order is ready" },
      context: { message_id: "wamid.IN1" },
    });
  });

  it("text without options: no preview, no context", async () => {
    const { fetcher, requests } = fakeFetch(accepted());
    await metaClient(cfg, fetcher).send({ type: "text", to: "+15557654321", text: "hi" });
    expect(requests[0]?.body).toEqual({ messaging_product: "whatsapp", recipient_type: "individual", to: "+15557654321", type: "text", text: { preview_url: false, body: "hi" } });
  });

  it("template: name, language code and components passed through", async () => {
    const components = [{ type: "body", parameters: [{ type: "text", text: "Ana" }] }];
    const { fetcher, requests } = fakeFetch(accepted("wamid.TPL"));
    const result = await metaClient(cfg, fetcher).send({ type: "template", to: "+15557654321", name: "order_update", language: "en_US", components });
    expect(result).toEqual({ ok: true, providerMessageId: "wamid.TPL" });
    expect(requests[0]?.body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "+15557654321",
      type: "template",
      template: { name: "order_update", language: { code: "en_US", policy: "deterministic" }, components },
    });
  });

  it("reply buttons", async () => {
    const { fetcher, requests } = fakeFetch(accepted());
    await metaClient(cfg, fetcher).send({
      type: "buttons",
      to: "+15557654321",
      body: "Reschedule your visit?",
      footer: "Acme Clinic",
      buttons: [
        { id: "resched_yes", title: "Yes" },
        { id: "resched_no", title: "No" },
      ],
    });
    expect(requests[0]?.body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "+15557654321",
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "Reschedule your visit?" },
        footer: { text: "Acme Clinic" },
        action: {
          buttons: [
            { type: "reply", reply: { id: "resched_yes", title: "Yes" } },
            { type: "reply", reply: { id: "resched_no", title: "No" } },
          ],
        },
      },
    });
  });

  it("list", async () => {
    const { fetcher, requests } = fakeFetch(accepted());
    await metaClient(cfg, fetcher).send({
      type: "list",
      to: "+15557654321",
      header: "Pick a slot",
      body: "Available times:",
      button: "See times",
      sections: [{ title: "Tomorrow", rows: [{ id: "slot_0900", title: "09:00", description: "Dr. Lee" }, { id: "slot_1100", title: "11:00" }] }],
    });
    expect(requests[0]?.body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "+15557654321",
      type: "interactive",
      interactive: {
        type: "list",
        header: { type: "text", text: "Pick a slot" },
        body: { text: "Available times:" },
        action: { button: "See times", sections: [{ title: "Tomorrow", rows: [{ id: "slot_0900", title: "09:00", description: "Dr. Lee" }, { id: "slot_1100", title: "11:00" }] }] },
      },
    });
  });

  it("markRead, with and without the typing indicator", async () => {
    const { fetcher, requests } = fakeFetch(json({ success: true }), json({ success: true }));
    const client = metaClient(cfg, fetcher);
    expect(await client.markRead("wamid.IN1")).toEqual({ ok: true, providerMessageId: "wamid.IN1" });
    expect(await client.markRead("wamid.IN2", true)).toEqual({ ok: true, providerMessageId: "wamid.IN2" });
    expect(requests.map((r) => [r.url, r.headers.get("authorization")])).toEqual([
      [URL_, "Bearer EAAG-test-token"],
      [URL_, "Bearer EAAG-test-token"],
    ]);
    expect(requests[0]?.body).toEqual({ messaging_product: "whatsapp", status: "read", message_id: "wamid.IN1" });
    expect(requests[1]?.body).toEqual({ messaging_product: "whatsapp", status: "read", message_id: "wamid.IN2", typing_indicator: { type: "text" } });
  });
});

describe("metaClient.send: refused before calling Meta", () => {
  const send = async (msg: Parameters<ReturnType<typeof metaClient>["send"]>[0]) => {
    const { fetcher, requests } = fakeFetch();
    const result = await metaClient(cfg, fetcher).send(msg);
    expect(requests).toHaveLength(0);
    return result;
  };
  const button = (title: string, id = title) => ({ id, title });

  it.each([
    ["four buttons", [button("A"), button("B"), button("C"), button("D")], /buttons.*at most 3/],
    ["no buttons", [], /buttons.*at least one/],
    ["a 21-character title", [button("x".repeat(21))], /buttons\.0\.title must be at most 20/],
    ["duplicate titles", [button("Yes", "a"), button("Yes", "b")], /unique/],
  ])("buttons: %s", async (_, buttons, detail) => {
    const result = await send({ type: "buttons", to: "+15557654321", body: "Pick", buttons });
    expect(result).toMatchObject({ ok: false, retryable: false, code: "invalid_message" });
    expect(result.ok === false && result.detail).toMatch(detail);
  });

  it("an emoji counts as one character in a title", async () => {
    const { fetcher } = fakeFetch(accepted());
    const result = await metaClient(cfg, fetcher).send({ type: "buttons", to: "+15557654321", body: "Rate us", buttons: [button(`${"x".repeat(19)}\u{1F44D}`)] });
    expect(result.ok).toBe(true);
  });

  it("list: more than 10 rows in total", async () => {
    const rows = Array.from({ length: 6 }, (_, i) => ({ id: `r${i}`, title: `Row ${i}` }));
    const result = await send({ type: "list", to: "+15557654321", body: "Pick", button: "Open", sections: [{ title: "A", rows }, { title: "B", rows }] });
    expect(result).toMatchObject({ ok: false, retryable: false, code: "invalid_message", detail: "sections allows at most 10 rows in total" });
  });

  it("list: a button label over 20 characters", async () => {
    const result = await send({ type: "list", to: "+15557654321", body: "Pick", button: "x".repeat(21), sections: [{ rows: [{ id: "a", title: "A" }] }] });
    expect(result).toMatchObject({ ok: false, code: "invalid_message", detail: "button must be at most 20 characters" });
  });

  it("a recipient that is not an international number", async () => {
    expect(await send({ type: "text", to: "0812345678", text: "hi" })).toMatchObject({ ok: false, retryable: false, code: "invalid_recipient" });
  });
});

describe("metaClient.send: failures", () => {
  it.each([
    [130429, 400, "Rate limit hit"],
    [131056, 400, "(Business Account, Consumer Account) pair rate limit hit"],
    [131000, 500, "Something went wrong"],
    [131016, 503, "Service unavailable"],
    [131057, 400, "Account in maintenance mode"],
    [4, 400, "Application request limit reached"],
    [80007, 400, "Rate limit issues"],
  ])("%i is retryable", async (code, status, message) => {
    const { fetcher } = fakeFetch(graphError(code, `(#${code}) ${message}`, undefined, status));
    expect(await metaClient(cfg, fetcher).send({ type: "text", to: "+15557654321", text: "hi" })).toEqual({ ok: false, retryable: true, code: String(code), title: message });
  });

  it.each([131026, 132000, 132001, 132015, 100, 131030, 131048, 131049, 131050])("%i is permanent", async (code) => {
    const { fetcher } = fakeFetch(graphError(code, `(#${code}) Something`));
    expect(await metaClient(cfg, fetcher).send({ type: "text", to: "+15557654321", text: "hi" })).toMatchObject({ ok: false, retryable: false, code: String(code) });
  });

  it("131047 closes the window, with Meta's details", async () => {
    const details = "Message failed to send because more than 24 hours have passed since the customer last replied to this number.";
    const { fetcher } = fakeFetch(graphError(131047, "(#131047) Re-engagement message", details));
    expect(await metaClient(cfg, fetcher).send({ type: "text", to: "+15557654321", text: "hi" })).toEqual({
      ok: false,
      retryable: false,
      windowClosed: true,
      code: "131047",
      title: "Re-engagement message",
      detail: details,
    });
  });

  it("190 flags the credentials", async () => {
    const { fetcher } = fakeFetch(graphError(190, "Error validating access token: Session has expired", undefined, 401));
    expect(await metaClient(cfg, fetcher).send({ type: "text", to: "+15557654321", text: "hi" })).toMatchObject({
      ok: false,
      retryable: false,
      authFailed: true,
      code: "190",
    });
  });

  it("a network error and a timeout are retryable, and say nothing about the URL", async () => {
    const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    const { fetcher } = fakeFetch(new TypeError(`fetch failed: ${URL_}`), timeout);
    const client = metaClient(cfg, fetcher);
    const network = await client.send({ type: "text", to: "+15557654321", text: "hi" });
    expect(network).toMatchObject({ ok: false, retryable: true, code: "network" });
    expect(JSON.stringify(network)).not.toContain("graph.facebook.com");
    expect(await client.send({ type: "text", to: "+15557654321", text: "hi" })).toMatchObject({ ok: false, retryable: true, code: "network", detail: "No response within 15 s" });
  });

  it("a 2xx without a message id is not retried (it may have been sent)", async () => {
    const { fetcher } = fakeFetch(json({ messaging_product: "whatsapp" }));
    expect(await metaClient(cfg, fetcher).send({ type: "text", to: "+15557654321", text: "hi" })).toMatchObject({ ok: false, retryable: false, code: "invalid_response" });
  });

  it("markRead failures are classified the same way", async () => {
    const { fetcher } = fakeFetch(graphError(100, "(#100) Invalid parameter"));
    expect(await metaClient(cfg, fetcher).markRead("wamid.bad")).toMatchObject({ ok: false, retryable: false, code: "100", title: "Invalid parameter" });
  });
});

describe("classifyGraphError", () => {
  it("any 5xx retries, even with an unknown code or a non-JSON body", () => {
    expect(classifyGraphError(502, "<html>Bad Gateway</html>")).toMatchObject({ ok: false, retryable: true, code: "http_502" });
    expect(classifyGraphError(500, { error: { code: 999999, message: "Unknown" } })).toMatchObject({ retryable: true, code: "999999" });
  });

  it("unknown codes with 4xx are permanent", () => {
    expect(classifyGraphError(400, { error: { code: 999999, message: "Something new" } })).toEqual({ ok: false, retryable: false, code: "999999", title: "Something new" });
    expect(classifyGraphError(404, null)).toMatchObject({ retryable: false, code: "http_404" });
  });

  it("a permanent code stays permanent on a 5xx", () => {
    expect(classifyGraphError(500, { error: { code: 131026, message: "Message undeliverable" } })).toMatchObject({ retryable: false });
    expect(classifyGraphError(500, { error: { code: 190, message: "expired" } })).toMatchObject({ retryable: false, authFailed: true });
  });

  it("401/403 without a Graph body flag the credentials", () => {
    expect(classifyGraphError(401, "Unauthorized")).toMatchObject({ retryable: false, authFailed: true, code: "http_401" });
  });

  it("honours Retry-After in seconds and as an HTTP date", () => {
    expect(classifyGraphError(429, { error: { code: 130429, message: "(#130429) Rate limit hit" } }, new Headers({ "retry-after": "30" }))).toMatchObject({
      retryable: true,
      retryAfterMs: 30_000,
    });
    const at = new Date(Date.now() + 120_000).toUTCString();
    const fromDate = classifyGraphError(503, null, new Headers({ "retry-after": at }));
    expect(fromDate.retryAfterMs).toBeGreaterThan(100_000);
    expect(fromDate.retryAfterMs).toBeLessThanOrEqual(120_000);
    expect(classifyGraphError(503, null, new Headers({ "retry-after": "soon" })).retryAfterMs).toBeUndefined();
  });

  it("the client passes Retry-After through", async () => {
    const { fetcher } = fakeFetch(graphError(80007, "(#80007) Rate limit issues", undefined, 429, { "retry-after": "7" }));
    expect(await metaClient(cfg, fetcher).send({ type: "text", to: "+15557654321", text: "hi" })).toMatchObject({ retryable: true, code: "80007", retryAfterMs: 7000 });
  });
});
