// Optional semantic retrieval: knowledge chunks embedded with Workers AI and
// stored in Vectorize, one namespace per tenant. Off unless
// KNOWLEDGE_EMBEDDINGS=on with the AI and VECTORIZE bindings. FTS5 stays the
// index of record: a failure here is logged and retrieval carries on without it.
import type { Ctx } from "../lib/context";
import { errorFields } from "../lib/logger";

export interface EmbeddedChunk {
  id: string;
  entryId: string;
  text: string;
}

export interface SemanticHit {
  chunkId: string;
  score: number;
}

/** Workers AI takes up to 100 texts per embedding call. */
const BATCH = 100;

function bindings(ctx: Ctx): { ai: Ai; index: Vectorize } | null {
  if (ctx.config.KNOWLEDGE_EMBEDDINGS !== "on" || !ctx.env.AI || !ctx.env.VECTORIZE) return null;
  return { ai: ctx.env.AI, index: ctx.env.VECTORIZE };
}

export const embeddingsEnabled = (ctx: Ctx) => bindings(ctx) !== null;

async function embed(ai: Ai, model: string, texts: string[]): Promise<number[][]> {
  const out = (await ai.run(model as Parameters<Ai["run"]>[0], { text: texts } as never)) as { data?: number[][] };
  if (!Array.isArray(out?.data) || out.data.length !== texts.length) throw new Error(`embedding model ${model} returned ${out?.data?.length ?? "no"} vectors for ${texts.length} texts`);
  return out.data;
}

/** Embed and upsert chunks into the tenant's namespace. */
export async function indexEmbeddings(ctx: Ctx, tenantId: string, chunks: EmbeddedChunk[]): Promise<void> {
  const b = bindings(ctx);
  if (!b || !chunks.length) return;
  try {
    for (let i = 0; i < chunks.length; i += BATCH) {
      const part = chunks.slice(i, i + BATCH);
      const vectors = await embed(b.ai, ctx.config.EMBEDDING_MODEL, part.map((c) => c.text));
      await b.index.upsert(part.map((c, j) => ({ id: c.id, values: vectors[j]!, namespace: tenantId, metadata: { entryId: c.entryId } })));
    }
  } catch (err) {
    ctx.logger.warn("knowledge embeddings not updated; keyword search still answers", { tenantId, chunks: chunks.length, ...errorFields(err) });
  }
}

export async function removeEmbeddings(ctx: Ctx, chunkIds: string[]): Promise<void> {
  const b = bindings(ctx);
  if (!b || !chunkIds.length) return;
  try {
    for (let i = 0; i < chunkIds.length; i += 1000) await b.index.deleteByIds(chunkIds.slice(i, i + 1000));
  } catch (err) {
    ctx.logger.warn("knowledge embeddings not removed", { chunks: chunkIds.length, ...errorFields(err) });
  }
}

/** Chunks similar to the question, at or above EMBEDDING_MIN_SCORE; [] when off or failing. */
export async function semanticHits(ctx: Ctx, tenantId: string, question: string, topK = 5): Promise<SemanticHit[]> {
  const b = bindings(ctx);
  if (!b) return [];
  try {
    const [vector] = await embed(b.ai, ctx.config.EMBEDDING_MODEL, [question]);
    const res = await b.index.query(vector!, { topK, namespace: tenantId });
    return res.matches.filter((m) => m.score >= ctx.config.EMBEDDING_MIN_SCORE).map((m) => ({ chunkId: m.id, score: m.score }));
  } catch (err) {
    ctx.logger.warn("semantic retrieval failed; using keyword search only", { tenantId, ...errorFields(err) });
    return [];
  }
}
