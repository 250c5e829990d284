import { describe, expect, it } from "vitest";
import { classifyWahaError, interactiveAsText, wahaClient } from "../../../worker/channels/waha";
import { fakeFetch, json } from "./helpers";

const cfg = { baseUrl: "https://waha.internal.example/", session: "tenant_acme", apiKey: "waha-api-key-for-tests" };
const SEND_TEXT = "https://waha.internal.example/api/sendText";
const text = { type: "text" as const, to: "+15557654321", text: "Yes, we deliver on Sundays." };

describe("wahaClient.send: requests", () => {
  it("text: sendText URL, X-Api-Key, session and chatId", async () => {
    const { fetcher, requests } = fakeFetch(json({ id: "true_15557654321@c.us_3EB0OUT", body: text.text }, 201));
    expect(await wahaClient(cfg, fetcher).send(text)).toEqual({ ok: true, providerMessageId: "true_15557654321@c.us_3EB0OUT" });
    expect(requests).toHaveLength(1);
    const [req] = requests;
    expect(req?.url).toBe(SEND_TEXT);
    expect(req?.method).toBe("POST");
    expect(req?.headers.get("x-api-key")).toBe("waha-api-key-for-tests");
    expect(req?.headers.get("content-type")).toBe("application/json");
    expect(req?.signal).toBeInstanceOf(AbortSignal);
    expect(req?.body).toEqual({ session: "tenant_acme", chatId: "15557654321@c.us", text: "Yes, we deliver on Sundays." });
  });

  it("a reply quotes the customer's message", async () => {
    const { fetcher, requests } = fakeFetch(json({ id: "true_15557654321@c.us_R" }));
    await wahaClient(cfg, fetcher).send({ ...text, replyTo: "false_15557654321@c.us_IN" });
    expect(requests[0]?.body).toMatchObject({ reply_to: "false_15557654321@c.us_IN" });
  });

  it("reads the message id from every engine's answer", async () => {
    const { fetcher } = fakeFetch(
      json({ id: { fromMe: true, remote: "15557654321@c.us", id: "3EB0W", _serialized: "true_15557654321@c.us_3EB0W" } }),
      json({ key: { remoteJid: "15557654321@s.whatsapp.net", fromMe: true, id: "3EB0N" }, message: { conversation: "hi" }, status: 1 }),
    );
    const client = wahaClient(cfg, fetcher);
    expect(await client.send(text)).toEqual({ ok: true, providerMessageId: "true_15557654321@c.us_3EB0W" });
    expect(await client.send(text)).toEqual({ ok: true, providerMessageId: "true_15557654321@c.us_3EB0N" });
  });

  it("buttons go out as numbered text", async () => {
    const { fetcher, requests } = fakeFetch(json({ id: "true_15557654321@c.us_B" }));
    await wahaClient(cfg, fetcher).send({
      type: "buttons",
      to: "+15557654321",
      header: "Your visit",
      body: "Reschedule your visit?",
      footer: "Acme Clinic",
      buttons: [
        { id: "resched_yes", title: "Yes" },
        { id: "resched_no", title: "No" },
      ],
    });
    expect(requests[0]?.body).toEqual({
      session: "tenant_acme",
      chatId: "15557654321@c.us",
      text: "*Your visit*\n\nReschedule your visit?\n\n1. Yes\n2. No\n\n_Acme Clinic_",
    });
  });

  it("lists number their rows across sections", () => {
    expect(
      interactiveAsText({
        type: "list",
        to: "+15557654321",
        body: "Available times:",
        button: "See times",
        sections: [
          { title: "Tomorrow", rows: [{ id: "a", title: "09:00", description: "Dr. Lee" }, { id: "b", title: "11:00" }] },
          { title: "Friday", rows: [{ id: "c", title: "14:00" }] },
        ],
      }),
    ).toBe("Available times:\n\n*Tomorrow*\n1. 09:00 — Dr. Lee\n2. 11:00\n\n*Friday*\n3. 14:00");
  });

  it("templates are refused without a request", async () => {
    const { fetcher, requests } = fakeFetch();
    expect(await wahaClient(cfg, fetcher).send({ type: "template", to: "+15557654321", name: "order_update", language: "en_US" })).toMatchObject({
      ok: false,
      retryable: false,
      code: "unsupported",
      title: "Templates are unsupported by WAHA",
    });
    expect(requests).toHaveLength(0);
  });

  it("a chat id the customer wrote from (a LID chat) is sent to as it is", async () => {
    const { fetcher, requests } = fakeFetch(json({ id: "true_123456789012345@lid_L" }));
    expect(await wahaClient(cfg, fetcher).send({ ...text, to: "123456789012345@lid" })).toEqual({ ok: true, providerMessageId: "true_123456789012345@lid_L" });
    expect(requests[0]?.body).toMatchObject({ chatId: "123456789012345@lid" });
  });

  it("a recipient that is neither a phone number nor a person's chat is refused without a request", async () => {
    const { fetcher, requests } = fakeFetch();
    for (const to of ["120363025555555555@g.us", "status@broadcast", "not a number"]) {
      expect(await wahaClient(cfg, fetcher).send({ ...text, to }), to).toMatchObject({ ok: false, retryable: false, code: "invalid_recipient" });
    }
    expect(requests).toHaveLength(0);
  });
});

describe("wahaClient.send: failures", () => {
  it("5xx and network errors are retryable", async () => {
    const { fetcher } = fakeFetch(json({ statusCode: 500, message: "Internal server error" }, 500), new TypeError("Network connection lost."));
    const client = wahaClient(cfg, fetcher);
    expect(await client.send(text)).toEqual({ ok: false, retryable: true, code: "http_500", title: "WAHA is unavailable", detail: "Internal server error" });
    expect(await client.send(text)).toMatchObject({ ok: false, retryable: true, code: "network" });
  });

  it("401 and 403 flag the API key", async () => {
    const { fetcher } = fakeFetch(json({ message: "Unauthorized", statusCode: 401 }, 401), new Response("Forbidden", { status: 403 }));
    const client = wahaClient(cfg, fetcher);
    expect(await client.send(text)).toMatchObject({ ok: false, retryable: false, authFailed: true, code: "http_401" });
    expect(await client.send(text)).toMatchObject({ ok: false, retryable: false, authFailed: true, code: "http_403" });
  });

  it("other 4xx are permanent, with WAHA's validation messages as detail", async () => {
    const { fetcher } = fakeFetch(json({ statusCode: 400, message: ["chatId must be a string", "text should not be empty"], error: "Bad Request" }, 400));
    expect(await wahaClient(cfg, fetcher).send(text)).toEqual({
      ok: false,
      retryable: false,
      code: "http_400",
      title: "WAHA rejected the message",
      detail: "chatId must be a string; text should not be empty",
    });
  });

  it("a session that is not WORKING is retried", async () => {
    const { fetcher } = fakeFetch(
      json({ error: "Session status is not as expected. Try again later or restart the session", session: "tenant_acme", status: "STARTING", expected: ["WORKING"] }, 422),
    );
    expect(await wahaClient(cfg, fetcher).send(text)).toMatchObject({ ok: false, retryable: true, code: "session_not_ready", title: "The WhatsApp session is STARTING" });
  });

  it("other 422s are permanent", () => {
    expect(classifyWahaError(422, { message: "Not implemented by engine" })).toMatchObject({ retryable: false, code: "http_422" });
  });

  it("429 honours Retry-After", () => {
    expect(classifyWahaError(429, null, new Headers({ "retry-after": "12" }))).toMatchObject({ retryable: true, retryAfterMs: 12_000 });
  });

  it("a 2xx without a message id is not retried (it was probably sent)", async () => {
    const { fetcher } = fakeFetch(json({ ok: true }));
    expect(await wahaClient(cfg, fetcher).send(text)).toMatchObject({ ok: false, retryable: false, code: "invalid_response" });
  });

  it("no API key configured: no header sent", async () => {
    const { fetcher, requests } = fakeFetch(json({ id: "true_15557654321@c.us_X" }));
    await wahaClient({ ...cfg, apiKey: "" }, fetcher).send(text);
    expect(requests[0]?.headers.has("x-api-key")).toBe(false);
  });
});
