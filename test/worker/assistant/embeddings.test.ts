// Optional semantic retrieval: chunks embedded into Vectorize (one namespace
// per tenant), similar chunks found by dashboard search, the strict grounding
// rule kept for the assistant, and keyword search carrying on when it fails.
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { createKnowledge, deleteKnowledge, retrieve, updateKnowledge } from "../../../worker/ai/knowledge";
import { ConfigError, parseConfig, type Env } from "../../../worker/env";
import type { TenantCtx } from "../../../worker/lib/context";
import { ctxWith } from "../helpers/assistant";
import { createTenant } from "../helpers/tenants";

/** A stand-in embedding model: texts about cars and parking point one way, everything else another. */
function fakeAi(fail = false) {
  const run = vi.fn(async (_model: string, input: { text: string[] }) => {
    if (fail) throw new Error("embedding service unavailable");
    return { shape: [input.text.length, 3], data: input.text.map((t) => (/car|parking|park/i.test(t) ? [1, 0, 0] : /pool|swim/i.test(t) ? [0, 0, 1] : [0, 1, 0])) };
  });
  return { run } as unknown as Ai & { run: typeof run };
}

/** An in-memory Vectorize index: cosine similarity within a namespace. */
function fakeVectorize() {
  const store = new Map<string, { values: number[]; namespace?: string; metadata?: Record<string, unknown> }>();
  const cos = (a: number[], b: number[]) => {
    const dot = a.reduce((s, x, i) => s + x * b[i]!, 0);
    return dot / (Math.hypot(...a) * Math.hypot(...b) || 1);
  };
  return {
    store,
    upsert: vi.fn(async (vectors: { id: string; values: number[]; namespace?: string; metadata?: Record<string, unknown> }[]) => {
      for (const v of vectors) store.set(v.id, v);
      return { mutationId: "m" };
    }),
    deleteByIds: vi.fn(async (ids: string[]) => {
      for (const id of ids) store.delete(id);
      return { mutationId: "m" };
    }),
    query: vi.fn(async (vector: number[], opts: { topK?: number; namespace?: string }) => ({
      count: 0,
      matches: [...store.entries()]
        .filter(([, v]) => v.namespace === opts.namespace)
        .map(([id, v]) => ({ id, score: cos(vector, v.values) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, opts.topK ?? 5),
    })),
  };
}

async function tenantCtx(opts: { ai?: Ai; index?: ReturnType<typeof fakeVectorize> } = {}): Promise<TenantCtx> {
  const owner = await createTenant();
  const base = ctxWith({ KNOWLEDGE_EMBEDDINGS: "on" });
  return { ...base, env: { ...base.env, AI: opts.ai ?? fakeAi(), VECTORIZE: (opts.index ?? fakeVectorize()) as unknown as Vectorize }, tenantId: owner.tenant.id, actor: { type: "user", id: owner.user.id }, role: "owner", userId: owner.user.id };
}

const PARKING = { title: "Parking", content: "Visitors park free in the basement of Menara Kemang." };
const POOL = { title: "Facilities", content: "The building has a rooftop swimming pool open 6:00 to 22:00." };

describe("knowledge embeddings", () => {
  it("embeds each chunk into the tenant's namespace, and replaces or removes them with the entry", async () => {
    const index = fakeVectorize();
    const ctx = await tenantCtx({ index });
    const entry = await createKnowledge(ctx, PARKING);
    const chunks = await env.DB.prepare("SELECT id FROM knowledge_chunks WHERE entry_id = ?").bind(entry.id).all<{ id: string }>();
    expect([...index.store.keys()].sort()).toEqual(chunks.results.map((c) => c.id).sort());
    expect([...index.store.values()].every((v) => v.namespace === ctx.tenantId && v.metadata?.entryId === entry.id)).toBe(true);

    await updateKnowledge(ctx, entry.id, { content: "Visitors park free in the basement; the entrance is on Jalan Kemang Raya." });
    const after = await env.DB.prepare("SELECT id FROM knowledge_chunks WHERE entry_id = ?").bind(entry.id).all<{ id: string }>();
    expect([...index.store.keys()].sort()).toEqual(after.results.map((c) => c.id).sort());

    await deleteKnowledge(ctx, entry.id);
    expect(index.store.size).toBe(0);
  });

  it("lets dashboard search find an entry by meaning, not only by its words, within the tenant", async () => {
    const index = fakeVectorize();
    const ctx = await tenantCtx({ index });
    await createKnowledge(ctx, PARKING);
    await createKnowledge(ctx, POOL);
    const hits = await retrieve(ctx, ctx.tenantId, "where do I leave my car", { strict: false, minCoverage: 0 });
    expect(hits.map((h) => h.title)).toEqual(["Parking"]);
    expect(hits[0]!.coverage).toBe(1);
    // Another tenant's vectors are in another namespace.
    const other = await tenantCtx({ index });
    expect(await retrieve(other, other.tenantId, "where do I leave my car", { strict: false, minCoverage: 0 })).toEqual([]);
  });

  it("keeps the assistant strict: a term the knowledge never mentions still gets nothing", async () => {
    const ctx = await tenantCtx();
    await createKnowledge(ctx, PARKING);
    expect(await retrieve(ctx, ctx.tenantId, "where do I leave my car")).toEqual([]);
    const found = await retrieve(ctx, ctx.tenantId, "basement parking for visitors?");
    expect(found.map((h) => h.title)).toEqual(["Parking"]);
  });

  it("falls back to keyword search when the embedding service fails", async () => {
    const ctx = await tenantCtx({ ai: fakeAi(true) });
    const warn = vi.spyOn(ctx.logger, "warn");
    await createKnowledge(ctx, POOL);
    const found = await retrieve(ctx, ctx.tenantId, "When is the swimming pool open?");
    expect(found.map((h) => h.title)).toEqual(["Facilities"]);
    expect(warn.mock.calls.map(([msg]) => msg)).toEqual(expect.arrayContaining(["knowledge embeddings not updated; keyword search still answers", "semantic retrieval failed; using keyword search only"]));
  });

  it("is refused at start-up without the bindings it needs", () => {
    expect(() => parseConfig({ ...(env as unknown as Env), AI: undefined, VECTORIZE: undefined, KNOWLEDGE_EMBEDDINGS: "on" })).toThrow(ConfigError);
    expect(() => parseConfig({ ...(env as unknown as Env), AI: undefined, VECTORIZE: undefined, KNOWLEDGE_EMBEDDINGS: "on" })).toThrow(/KNOWLEDGE_EMBEDDINGS=on needs the AI and VECTORIZE bindings/);
  });
});
