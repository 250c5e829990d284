// The assistant and customers' files: never silence. The built-in provider
// acknowledges every file without text and hands the conversation to a human
// (reason `media`); a provider with vision and speech models describes photos and
// transcribes voice notes, then answers only from the knowledge, charging credits
// like an answer and refunding them when the model fails.
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { connectMeta, postMeta, signMeta } from "../helpers/channels";
import { addKnowledge, ctxWith, modeOf, outbound, quietTenant } from "../helpers/assistant";
import { createTenant, type TenantOwner } from "../helpers/tenants";
import { eventually } from "../helpers/wait";
import { respond } from "../../../worker/ai/responder";
import { MEDIA_PHRASES, workersAiMediaModels } from "../../../worker/media/understand";
import type { Fetcher } from "../../../worker/channels/types";
import { bytesOf, fakeProviders, metaMediaPayload } from "./helpers";

const TOWNHOUSE = { title: "Menteng townhouse", content: "3-bedroom townhouse in Menteng with a garage. Price: IDR 8.5 billion." };
const LLM = {
  AI_PROVIDER: "openai" as const,
  LLM_BASE_URL: "http://llm.test/v1",
  LLM_API_KEY: "sk-test-key",
  LLM_MODEL: "test-model",
  LLM_VISION_MODEL: "test-vision",
  LLM_TRANSCRIPTION_MODEL: "test-whisper",
};

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
  vi.restoreAllMocks();
});

async function deliver(owner: TenantOwner, type: Parameters<typeof metaMediaPayload>[1], body: Record<string, unknown>) {
  const channel = await connectMeta(owner);
  const p = metaMediaPayload(channel, type, body);
  expect((await postMeta(channel.id, p.raw, await signMeta(channel.appSecret, p.raw))).status).toBe(200);
  const row = await eventually(async () => {
    const r = await env.DB.prepare("SELECT id, conversation_id FROM messages WHERE provider_message_id = ?").bind(p.id).first<{ id: string; conversation_id: string }>();
    expect(r).not.toBeNull();
    return r!;
  });
  return { messageId: row.id, conversationId: row.conversation_id };
}

type Sent = { body: { type: string; data: { reason: string; conversation: { id: string } } } };
const handoffReasons = (send: { mock: { calls: unknown[][] } }) =>
  send.mock.calls.flatMap(([msgs]) => [...(msgs as Iterable<Sent>)].map((x) => x.body)).filter((e) => e.type === "conversation.handoff");

describe("with the offline built-in provider", () => {
  for (const [type, body] of [
    ["image", { id: "8800000000000001", mime_type: "image/jpeg" }],
    ["audio", { id: "8800000000000002", mime_type: "audio/ogg; codecs=opus", voice: true }],
    ["document", { id: "8800000000000003", mime_type: "application/pdf", filename: "floorplan.pdf" }],
    ["sticker", { id: "8800000000000004", mime_type: "image/webp", animated: false }],
    ["video", { id: "8800000000000005", mime_type: "video/mp4" }],
    ["location", { latitude: -6.2, longitude: 106.8 }],
  ] as const) {
    it(`acknowledges a ${type} without text and hands the conversation to a human (reason media)`, async () => {
      const owner = await createTenant();
      expect((await owner.callWithKey("PATCH", "/api/bot-settings", { burstSeconds: 0 })).status).toBe(200);
      const fake = fakeProviders();
      restore = fake.restore;
      if ("id" in body) fake.files.set(body.id, { bytes: bytesOf(200), mimeType: body.mime_type.split(";")[0]! });
      const send = vi.spyOn(env.EVENTS_QUEUE, "sendBatch");
      const { conversationId } = await deliver(owner, type, body);
      const [ack] = await eventually(async () => {
        const out = await outbound(conversationId);
        expect(out.length).toBe(1);
        return out;
      });
      expect(ack!.text).toBe(MEDIA_PHRASES.en.received);
      expect(ack!.payload.handoff).toBe("media");
      expect(await modeOf(conversationId)).toBe("human");
      expect(handoffReasons(send).filter((e) => e.data.conversation.id === conversationId).map((e) => e.data.reason)).toEqual(["media"]);
    });
  }
});

/** A fake OpenAI-compatible server: vision, transcription and grounded answers. Everything else goes to the fake providers. */
function fakeLlm(opts: { description?: string; transcript?: string; answer?: string; visionStatus?: number }) {
  const calls: { path: string; body: any }[] = [];
  const fetcher: Fetcher = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith(LLM.LLM_BASE_URL)) return fetch(input, init);
    const path = url.slice(LLM.LLM_BASE_URL.length);
    if (path === "/audio/transcriptions") {
      const form = init!.body as FormData;
      calls.push({ path, body: { model: form.get("model"), file: form.get("file") } });
      return Response.json({ text: opts.transcript ?? "" });
    }
    const body = JSON.parse(String(init!.body));
    calls.push({ path, body });
    if (body.model === LLM.LLM_VISION_MODEL) {
      if (opts.visionStatus) return Response.json({ error: { message: "overloaded" } }, { status: opts.visionStatus });
      return Response.json({ choices: [{ message: { content: opts.description } }], usage: { prompt_tokens: 900, completion_tokens: 20 } });
    }
    return Response.json({ choices: [{ message: { content: opts.answer } }], usage: { prompt_tokens: 300, completion_tokens: 12 } });
  };
  return { fetcher, calls };
}

describe("with vision and speech models (OpenAI-compatible)", () => {
  it("describes a photo, answers only from the knowledge, and charges like an answer", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [TOWNHOUSE]);
    const fake = fakeProviders();
    restore = fake.restore;
    const photo = bytesOf(3000, 9);
    fake.files.set("8800000000000101", { bytes: photo, mimeType: "image/jpeg" });
    const m = await deliver(owner, "image", { id: "8800000000000101", mime_type: "image/jpeg" });
    const before = (await owner.callWithKey("GET", "/api/credits")).json.balance;
    const llm = fakeLlm({ description: "A townhouse in Menteng with a garage.", answer: "That looks like our Menteng townhouse: 3 bedrooms with a garage, IDR 8.5 billion." });

    const outcome = await respond(ctxWith(LLM), { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [m.messageId] }, llm.fetcher);
    expect(outcome).toMatchObject({ kind: "answered" });
    const vision = llm.calls.find((c) => c.body.model === "test-vision")!;
    const image = vision.body.messages[0].content.find((p: { type: string }) => p.type === "image_url");
    expect(image.image_url.url).toBe(`data:image/jpeg;base64,${btoa(String.fromCharCode(...photo))}`);
    // The answer was asked from the description and the knowledge found for it.
    const answer = llm.calls.find((c) => c.body.model === "test-model")!;
    expect(JSON.stringify(answer.body.messages)).toContain("A townhouse in Menteng with a garage.");
    expect(JSON.stringify(answer.body.messages)).toContain("IDR 8.5 billion");
    const [reply] = await outbound(m.conversationId);
    expect(reply!.text).toContain("IDR 8.5 billion");
    expect((await owner.callWithKey("GET", "/api/credits")).json.balance).toBe(before - 2);
    const stored = await env.DB.prepare("SELECT json_extract(payload, '$.description') AS d FROM messages WHERE id = ?").bind(m.messageId).first();
    expect(stored).toEqual({ d: "A townhouse in Menteng with a garage." });
  });

  it("does not invent: a photo of something the knowledge does not cover is handed off, not described back", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [TOWNHOUSE]);
    const fake = fakeProviders();
    restore = fake.restore;
    fake.files.set("8800000000000102", { bytes: bytesOf(500), mimeType: "image/png" });
    const m = await deliver(owner, "image", { id: "8800000000000102", mime_type: "image/png" });
    const llm = fakeLlm({ description: "A red sports car parked on a beach.", answer: "Nice car! It costs 300 million." });
    const outcome = await respond(ctxWith(LLM), { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [m.messageId] }, llm.fetcher);
    expect(outcome).toEqual({ kind: "handoff", reason: "no_knowledge" });
    expect(llm.calls.some((c) => c.body.model === "test-model")).toBe(false);
    const [reply] = await outbound(m.conversationId);
    expect(reply!.text).not.toMatch(/car|300/);
  });

  it("transcribes a voice note, stores the transcript on the message and answers it like text", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [TOWNHOUSE]);
    const fake = fakeProviders();
    restore = fake.restore;
    fake.files.set("8800000000000103", { bytes: bytesOf(1200), mimeType: "audio/ogg" });
    const m = await deliver(owner, "audio", { id: "8800000000000103", mime_type: "audio/ogg; codecs=opus", voice: true });
    const llm = fakeLlm({ transcript: "How much is the Menteng townhouse?", answer: "The Menteng townhouse is IDR 8.5 billion." });
    const outcome = await respond(ctxWith(LLM), { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [m.messageId] }, llm.fetcher);
    expect(outcome).toMatchObject({ kind: "answered" });
    const t = llm.calls.find((c) => c.path === "/audio/transcriptions")!;
    expect(t.body.model).toBe("test-whisper");
    expect((t.body.file as File).size).toBe(1200);
    const msgs = (await owner.callWithKey("GET", `/api/conversations/${m.conversationId}/messages`)).json.data;
    const voice = msgs.find((x: { id: string }) => x.id === m.messageId);
    expect(voice.transcript).toBe("How much is the Menteng townhouse?");
    expect(voice.media).toMatchObject({ type: "audio", mimeType: "audio/ogg", size: 1200 });
    const [reply] = await outbound(m.conversationId);
    expect(reply!.text).toBe("The Menteng townhouse is IDR 8.5 billion.");
  });

  it("refunds the credit and hands off when the vision model fails", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [TOWNHOUSE]);
    const fake = fakeProviders();
    restore = fake.restore;
    fake.files.set("8800000000000104", { bytes: bytesOf(700), mimeType: "image/jpeg" });
    const m = await deliver(owner, "image", { id: "8800000000000104", mime_type: "image/jpeg" });
    const before = (await owner.callWithKey("GET", "/api/credits")).json.balance;
    const llm = fakeLlm({ visionStatus: 503 });
    const outcome = await respond(ctxWith(LLM), { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [m.messageId] }, llm.fetcher);
    expect(outcome).toEqual({ kind: "handoff", reason: "media" });
    expect((await owner.callWithKey("GET", "/api/credits")).json.balance).toBe(before);
    const ledger = (await owner.callWithKey("GET", "/api/credits/ledger")).json.data.map((l: { reason: string; delta: number }) => [l.reason, l.delta]);
    expect(ledger.slice(0, 2)).toEqual([
      ["refund", 1],
      ["answer", -1],
    ]);
    const [ack] = await outbound(m.conversationId);
    expect(ack!.text).toBe(MEDIA_PHRASES.en.received);
  });

  it("acknowledges a document and hands off without calling a model or charging", async () => {
    const owner = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    fake.files.set("8800000000000105", { bytes: bytesOf(900), mimeType: "application/pdf" });
    const m = await deliver(owner, "document", { id: "8800000000000105", mime_type: "application/pdf", filename: "ktp.pdf" });
    const before = (await owner.callWithKey("GET", "/api/credits")).json.balance;
    const llm = fakeLlm({});
    expect(await respond(ctxWith(LLM), { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [m.messageId] }, llm.fetcher)).toEqual({
      kind: "handoff",
      reason: "media",
    });
    expect(llm.calls).toEqual([]);
    expect((await owner.callWithKey("GET", "/api/credits")).json.balance).toBe(before);
  });
});

describe("Workers AI media models", () => {
  it("send the photo's bytes to the vision model and the voice note as base64 to Whisper", async () => {
    const runs: { model: string; input: Record<string, unknown> }[] = [];
    const ai = {
      async run(model: string, input: Record<string, unknown>) {
        runs.push({ model, input });
        return model.includes("whisper") ? { text: " hello there " } : { response: "A kitchen with a window." };
      },
    };
    const models = workersAiMediaModels(ai, { visionModel: "@cf/vision", transcriptionModel: "@cf/openai/whisper" });
    const signal = new AbortController().signal;
    const file = { bytes: new Uint8Array([1, 2, 3]).buffer, mimeType: "image/jpeg", fileName: "a.jpg" };
    expect((await models.vision!.describe(file, "en", signal)).text).toBe("A kitchen with a window.");
    expect((await models.transcription!.transcribe({ ...file, mimeType: "audio/ogg" }, signal)).text).toBe("hello there");
    expect(runs[0]).toMatchObject({ model: "@cf/vision", input: { image: [1, 2, 3] } });
    expect(runs[1]).toEqual({ model: "@cf/openai/whisper", input: { audio: btoa("\x01\x02\x03") } });
  });
});

describe("a transcribed voice note follows the same rules as text", () => {
  it("hands over to a person when the voice note asks for one, after charging only the transcription", async () => {
    const owner = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    fake.files.set("8800000000000201", { bytes: bytesOf(900), mimeType: "audio/ogg" });
    const m = await deliver(owner, "audio", { id: "8800000000000201", mime_type: "audio/ogg; codecs=opus", voice: true });
    const llm = fakeLlm({ transcript: "Can I talk to a human please?" });
    const outcome = await respond(ctxWith(LLM), { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [m.messageId] }, llm.fetcher);
    expect(outcome).toEqual({ kind: "handoff", reason: "customer_request" });
    expect(llm.calls.map((c) => c.path)).toEqual(["/audio/transcriptions"]);
  });

  it("spends nothing on a file outside business hours: the away message and a handoff", async () => {
    const owner = await quietTenant();
    const closed = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, []]));
    const patch = await owner.callWithKey("PATCH", "/api/bot-settings", { businessHours: { enabled: true, timezone: "UTC", days: closed, awayMessage: "We are closed now." } });
    expect(patch.status, patch.text).toBe(200);
    const fake = fakeProviders();
    restore = fake.restore;
    fake.files.set("8800000000000202", { bytes: bytesOf(900), mimeType: "image/jpeg" });
    const m = await deliver(owner, "image", { id: "8800000000000202", mime_type: "image/jpeg" });
    const llm = fakeLlm({ description: "A house." });
    const outcome = await respond(ctxWith(LLM), { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [m.messageId] }, llm.fetcher);
    expect(outcome).toEqual({ kind: "handoff", reason: "outside_business_hours" });
    expect(llm.calls).toEqual([]);
  });
});
