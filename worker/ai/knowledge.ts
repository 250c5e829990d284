// The tenant's knowledge base: entries split into chunks, indexed in FTS5 by
// their stemmed terms, and matched against customers' questions by the
// grounding rule in ./match.ts.
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { knowledgeChunks, knowledgeEntries, tenants } from "../db/schema";
import { notFound } from "../http/errors";
import type { Ctx, TenantCtx } from "../lib/context";
import { newId } from "../lib/ids";
import { auditStatement } from "../tenancy/audit";
import { iso } from "../tenancy/serialize";
import { knowledgeFts } from "./fts";
import { alternatives } from "./lexicon";
import { indexEmbeddings, removeEmbeddings, semanticHits, type EmbeddedChunk } from "./embeddings";
import { analyze, indexCandidates, matchMessage, matchQuestion, MIN_COVERAGE, vocabulary, type Candidate, type ChunkMatch, type Focus, type Intent, type Vocabulary } from "./match";
import { sentences, terms } from "./text";

export const knowledgeInput = z.object({
  title: z.string().trim().min(1, { message: "is required" }).max(200),
  content: z.string().trim().min(1, { message: "is required" }).max(20_000),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
});
export const knowledgeUpdate = knowledgeInput.partial().refine((v) => Object.keys(v).length > 0, { message: "nothing to update" });

const CHUNK_CHARS = 600;

/** Paragraph-aware chunks of about CHUNK_CHARS; the title is repeated in each so it is searchable. */
export function chunk(title: string, content: string): string[] {
  const paragraphs = content.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const chunks: string[] = [];
  let current = "";
  for (const p of paragraphs.flatMap((para) => (para.length > CHUNK_CHARS ? sentences(para) : [para]))) {
    if (current && current.length + p.length + 1 > CHUNK_CHARS) {
      chunks.push(current);
      current = "";
    }
    current = current ? `${current}\n${p}` : p;
  }
  if (current) chunks.push(current);
  return chunks.length ? chunks : [title];
}

function entryView(e: typeof knowledgeEntries.$inferSelect) {
  return { id: e.id, title: e.title, content: e.content, tags: e.tags, createdAt: iso(e.createdAt)!, updatedAt: iso(e.updatedAt)! };
}
export type KnowledgeEntryView = ReturnType<typeof entryView>;

function indexStatements(ctx: Ctx, tenantId: string, entryId: string, title: string, content: string) {
  const chunks: EmbeddedChunk[] = chunk(title, content).map((text) => ({ id: newId("chunk"), entryId, text: `${title}\n${text}` }));
  const statements = chunks.flatMap((c, position) => [
    ctx.db.insert(knowledgeChunks).values({ id: c.id, tenantId, entryId, position, text: c.text.slice(title.length + 1) }),
    ctx.db.insert(knowledgeFts).values({ terms: terms(c.text).join(" "), chunkId: c.id, entryId, tenantId }),
  ]);
  return { statements, chunks };
}

const chunkIdsOf = async (ctx: Ctx, tenantId: string, entryId: string) =>
  (await ctx.db.select({ id: knowledgeChunks.id }).from(knowledgeChunks).where(and(eq(knowledgeChunks.entryId, entryId), eq(knowledgeChunks.tenantId, tenantId))).all()).map((r) => r.id);

/** Counts the tenant's knowledge version up: in every batch that changes its chunks, so no copy outlives them. */
const bumpVersion = (ctx: Ctx, tenantId: string) =>
  ctx.db.update(tenants).set({ knowledgeVersion: sql`${tenants.knowledgeVersion} + 1` }).where(eq(tenants.id, tenantId));

function unindexStatements(ctx: Ctx, tenantId: string, entryId: string) {
  return [
    ctx.db.delete(knowledgeFts).where(and(eq(knowledgeFts.entryId, entryId), eq(knowledgeFts.tenantId, tenantId))),
    ctx.db.delete(knowledgeChunks).where(and(eq(knowledgeChunks.entryId, entryId), eq(knowledgeChunks.tenantId, tenantId))),
  ] as const;
}

export async function createKnowledge(ctx: TenantCtx, input: z.infer<typeof knowledgeInput>): Promise<KnowledgeEntryView> {
  const id = newId("knowledge");
  const now = ctx.now();
  const index = indexStatements(ctx, ctx.tenantId, id, input.title, input.content);
  await ctx.db.batch([
    ctx.db.insert(knowledgeEntries).values({ id, tenantId: ctx.tenantId, title: input.title, content: input.content, tags: input.tags ?? [], createdAt: now, updatedAt: now }),
    ...index.statements,
    bumpVersion(ctx, ctx.tenantId),
    auditStatement(ctx, { action: "knowledge.created", targetType: "knowledge", targetId: id, metadata: { title: input.title } }),
  ]);
  await indexEmbeddings(ctx, ctx.tenantId, index.chunks);
  return getKnowledge(ctx, id);
}

async function getRow(ctx: TenantCtx, id: string) {
  const row = await ctx.db.select().from(knowledgeEntries).where(and(eq(knowledgeEntries.id, id), eq(knowledgeEntries.tenantId, ctx.tenantId))).get();
  if (!row) throw notFound("Knowledge entry");
  return row;
}

export async function getKnowledge(ctx: TenantCtx, id: string): Promise<KnowledgeEntryView> {
  return entryView(await getRow(ctx, id));
}

export async function updateKnowledge(ctx: TenantCtx, id: string, input: z.infer<typeof knowledgeUpdate>): Promise<KnowledgeEntryView> {
  const row = await getRow(ctx, id);
  const title = input.title ?? row.title;
  const content = input.content ?? row.content;
  const old = await chunkIdsOf(ctx, ctx.tenantId, id);
  const index = indexStatements(ctx, ctx.tenantId, id, title, content);
  await ctx.db.batch([
    ctx.db
      .update(knowledgeEntries)
      .set({ title, content, tags: input.tags ?? row.tags, updatedAt: ctx.now() })
      .where(and(eq(knowledgeEntries.id, id), eq(knowledgeEntries.tenantId, ctx.tenantId))),
    ...unindexStatements(ctx, ctx.tenantId, id),
    ...index.statements,
    bumpVersion(ctx, ctx.tenantId),
    auditStatement(ctx, { action: "knowledge.updated", targetType: "knowledge", targetId: id }),
  ]);
  await removeEmbeddings(ctx, old);
  await indexEmbeddings(ctx, ctx.tenantId, index.chunks);
  return getKnowledge(ctx, id);
}

export async function deleteKnowledge(ctx: TenantCtx, id: string): Promise<void> {
  await getRow(ctx, id);
  const old = await chunkIdsOf(ctx, ctx.tenantId, id);
  await ctx.db.batch([
    ...unindexStatements(ctx, ctx.tenantId, id),
    ctx.db.delete(knowledgeEntries).where(and(eq(knowledgeEntries.id, id), eq(knowledgeEntries.tenantId, ctx.tenantId))),
    bumpVersion(ctx, ctx.tenantId),
    auditStatement(ctx, { action: "knowledge.deleted", targetType: "knowledge", targetId: id }),
  ]);
  await removeEmbeddings(ctx, old);
}

export async function listKnowledge(ctx: TenantCtx, q: { limit: number; cursor: string | null; q?: string }) {
  if (q.q) {
    const hits = await retrieve(ctx, ctx.tenantId, q.q, { limit: q.limit, minCoverage: 0, strict: false });
    const ids = [...new Set(hits.map((h) => h.entryId))];
    if (!ids.length) return [];
    const rows = await ctx.db.select().from(knowledgeEntries).where(and(eq(knowledgeEntries.tenantId, ctx.tenantId), inArray(knowledgeEntries.id, ids))).all();
    return ids.map((id) => rows.find((r) => r.id === id)).filter((r) => r !== undefined).map(entryView);
  }
  const rows = await ctx.db
    .select()
    .from(knowledgeEntries)
    .where(and(eq(knowledgeEntries.tenantId, ctx.tenantId), q.cursor ? lt(knowledgeEntries.id, q.cursor) : undefined))
    .orderBy(desc(knowledgeEntries.id))
    .limit(q.limit + 1)
    .all();
  return rows.map(entryView);
}

export interface RetrievedChunk {
  chunkId: string;
  entryId: string;
  title: string;
  text: string;
  /** Share of the question's concepts this chunk covers (0–1). */
  coverage: number;
  score: number;
  /** The question's concepts this chunk covers (their alternative stems), for quoting the sentences that answer. */
  focus?: Focus[];
  /** The kind of fact asked for (price, time, place, duration), if any. */
  intent?: Intent | null;
}

/** Knowledge bases up to this many chunks are matched whole; larger ones through the FTS index first. */
const SCAN_CHUNKS = 1500;
const FTS_CANDIDATES = 80;

/** FTS5 query of OR-ed quoted terms (quotes keep user text from being FTS syntax). */
const ftsQuery = (qTerms: string[]) => qTerms.map((t) => `"${t.replace(/"/g, "")}"`).join(" OR ");
/** The terms, matched only inside the tenant's rows (tenant_id is an indexed FTS column). */
const tenantFtsQuery = (tenantId: string, qTerms: string[]) => `tenant_id : "${tenantId.replace(/"/g, "")}" AND terms : (${ftsQuery(qTerms)})`;

type Found = Candidate;

/** A tenant's whole knowledge base as matching reads it: its chunks and their vocabulary, at one version. */
interface Whole {
  version: number;
  chunks: Found[];
  vocabulary: Vocabulary;
}
/**
 * Whole knowledge bases kept in this isolate, least recently used first, while their version stands: a message then
 * costs one read of the version instead of every chunk, and the chunks' words, stems and sentences are worked out once
 * per version instead of once per message. Bounded by chunks (about 8–15 KB of memory each with what matching keeps of them).
 */
const WHOLE = new Map<string, Whole>();
const WHOLE_CHUNKS = 2000;
function keep(tenantId: string, whole: Whole) {
  WHOLE.delete(tenantId);
  WHOLE.set(tenantId, whole);
  let held = 0;
  for (const w of WHOLE.values()) held += w.chunks.length;
  for (const [id, w] of WHOLE) {
    if (held <= WHOLE_CHUNKS || id === tenantId) break;
    WHOLE.delete(id);
    held -= w.chunks.length;
  }
}

/** Tenants whose knowledge base had more chunks than a scan at a version: narrowed through the index while that stands. */
const LARGE = new Map<string, { version: number; scan: number }>();
const LARGE_TENANTS = 1000;

const chunkColumns = { chunkId: knowledgeChunks.id, entryId: knowledgeChunks.entryId, text: knowledgeChunks.text, title: knowledgeEntries.title };

/**
 * The tenant's whole knowledge base when it has at most `scan` chunks (null when it has more): from memory while the
 * tenant's knowledge version is the one it was read at, else read again with the version in one batch.
 */
async function wholeKnowledge(ctx: Ctx, tenantId: string, scan: number): Promise<Whole | null> {
  const version = ctx.db.select({ v: tenants.knowledgeVersion }).from(tenants).where(eq(tenants.id, tenantId));
  const kept = WHOLE.get(tenantId);
  const large = LARGE.get(tenantId);
  const fits = kept !== undefined && kept.chunks.length <= scan;
  if (fits || large !== undefined) {
    const now = (await version.get())?.v;
    if (fits && now === kept.version) {
      keep(tenantId, kept);
      return kept;
    }
    if (large && now === large.version && scan <= large.scan) return null;
  }
  const all = ctx.db
    .select(chunkColumns)
    .from(knowledgeChunks)
    .innerJoin(knowledgeEntries, eq(knowledgeEntries.id, knowledgeChunks.entryId))
    .where(eq(knowledgeChunks.tenantId, tenantId))
    .orderBy(knowledgeChunks.id)
    .limit(scan + 1);
  // One batch, so the chunks are the ones of the version read with them.
  const [versions, chunks] = await ctx.db.batch([version, all]);
  if (chunks.length > scan) {
    WHOLE.delete(tenantId);
    if (versions.length) {
      LARGE.delete(tenantId);
      LARGE.set(tenantId, { version: versions[0]!.v, scan });
      if (LARGE.size > LARGE_TENANTS) LARGE.delete(LARGE.keys().next().value!);
    }
    return null;
  }
  LARGE.delete(tenantId);
  const whole = { version: versions[0]?.v ?? -1, chunks, vocabulary: vocabulary(chunks.map((c) => `${c.title}\n${c.text}`)) };
  // A tenant without its row (being erased) is not kept.
  if (versions.length) keep(tenantId, whole);
  return whole;
}

/**
 * The tenant's chunks a message may be answered from, with their vocabulary. A knowledge base up to SCAN_CHUNKS
 * chunks is matched whole, so misspellings are corrected against all of its words; a larger one is narrowed by the
 * FTS index to the chunks sharing a term (or a synonym) with the message.
 */
async function candidatesFor(ctx: Ctx, tenantId: string, message: string, extraIds: string[], scan = SCAN_CHUNKS): Promise<{ chunks: Found[]; vocabulary: Vocabulary }> {
  // scan 0: always narrow through the index.
  if (scan > 0) {
    const whole = await wholeKnowledge(ctx, tenantId, scan);
    if (whole) return whole;
  }
  const wanted = [...new Set(terms(message).flatMap(alternatives))];
  const rows = wanted.length
    ? await ctx.db.all<{ chunk_id: string }>(
        // The MATCH runs inside the tenant's rows (tenant_id is an indexed FTS column); bm25 weighs only the terms.
        sql`SELECT chunk_id FROM knowledge_fts WHERE knowledge_fts MATCH ${tenantFtsQuery(tenantId, wanted)} AND tenant_id = ${tenantId} ORDER BY bm25(knowledge_fts, 1.0, 0.0, 0.0, 0.0) LIMIT ${FTS_CANDIDATES}`,
      )
    : [];
  const ids = [...new Set([...rows.map((r) => r.chunk_id), ...extraIds])];
  const chunks = ids.length
    ? await ctx.db
        .select(chunkColumns)
        .from(knowledgeChunks)
        .innerJoin(knowledgeEntries, eq(knowledgeEntries.id, knowledgeChunks.entryId))
        .where(and(eq(knowledgeChunks.tenantId, tenantId), inArray(knowledgeChunks.id, ids)))
        .all()
    : [];
  return { chunks, vocabulary: vocabulary(chunks.map((c) => `${c.title}\n${c.text}`)) };
}

const toRetrieved = (m: ChunkMatch): RetrievedChunk => ({
  chunkId: m.chunkId,
  entryId: m.entryId,
  title: m.title,
  text: m.text,
  coverage: m.coverage,
  score: m.score,
  focus: m.focus,
  intent: m.intent,
});

export interface Lookup {
  /** Chunks that answer the message's questions, best first within each question. */
  answered: RetrievedChunk[];
  /** The message's questions the knowledge does not cover. */
  unanswered: string[];
  /** Entries that answer one question equally well: ask the customer which one. */
  ambiguous: RetrievedChunk[];
}

/**
 * What the knowledge says to a customer's message, question by question, by
 * the grounding rule in ./match.ts: a question with a word the knowledge never
 * mentions, or a name its best chunk lacks, is not covered. `minCoverage`
 * (the bot setting) can only make it stricter than the tuned MIN_COVERAGE.
 */
export async function lookup(ctx: Ctx, tenantId: string, message: string, opts: { minCoverage?: number; scanChunks?: number } = {}): Promise<Lookup> {
  const semantic = await semanticHits(ctx, tenantId, message);
  const { chunks, vocabulary: v } = await candidatesFor(ctx, tenantId, message, semantic.map((h) => h.chunkId), opts.scanChunks);
  if (!chunks.length) return { answered: [], unanswered: [message], ambiguous: [] };
  const r = matchMessage(message, chunks, v, { minCoverage: Math.max(MIN_COVERAGE, opts.minCoverage ?? 0), similarity: new Map(semantic.map((h) => [h.chunkId, h.score])) });
  return { answered: r.answered.map(toRetrieved), unanswered: r.unanswered, ambiguous: r.ambiguous.map(toRetrieved) };
}

/**
 * Chunks for a question, best first. Strict (the assistant's): only chunks
 * that answer it by the grounding rule, so "the price of the house in Pondok
 * Indah" is not answered with another house's price. Not strict (dashboard
 * search): anything sharing a concept with it, or similar to it by meaning.
 */
export async function retrieve(
  ctx: Ctx,
  tenantId: string,
  question: string,
  opts: { limit?: number; minCoverage?: number; strict?: boolean } = {},
): Promise<RetrievedChunk[]> {
  const strict = opts.strict !== false;
  const limit = opts.limit ?? 4;
  if (strict) {
    const r = await lookup(ctx, tenantId, question, { minCoverage: opts.minCoverage });
    return [...r.answered, ...r.ambiguous].slice(0, limit);
  }
  const semantic = await semanticHits(ctx, tenantId, question);
  const { chunks, vocabulary: v } = await candidatesFor(ctx, tenantId, question, semantic.map((h) => h.chunkId));
  if (!chunks.length) return [];
  const indexed = indexCandidates(chunks);
  const similarity = new Map(semantic.map((h) => [h.chunkId, h.score]));
  // Synonyms and translations only: a search for "friday" should not list every schedule.
  const analyzed = analyze(question, v);
  const q = { ...analyzed, concepts: analyzed.concepts.map((c) => ({ ...c, alts: c.strong })) };
  const opts2 = { strict: false, minCoverage: opts.minCoverage ?? 0, similarity };
  // Every related chunk, not only the best: the dashboard lists them.
  const ranked = indexed
    .flatMap((ch) => {
      const r = matchQuestion(q, [ch], v, opts2);
      return r.kind === "none" ? [] : r.matches;
    })
    .sort((x, y) => y.coverage - x.coverage || y.score - x.score);
  return ranked.slice(0, limit).map(toRetrieved);
}

/** The chunks of one entry, for answering once the customer has said which entry they meant. */
export async function entryChunks(ctx: Ctx, tenantId: string, entryId: string): Promise<RetrievedChunk[]> {
  const rows = await ctx.db
    .select({ chunkId: knowledgeChunks.id, entryId: knowledgeChunks.entryId, text: knowledgeChunks.text, title: knowledgeEntries.title })
    .from(knowledgeChunks)
    .innerJoin(knowledgeEntries, eq(knowledgeEntries.id, knowledgeChunks.entryId))
    .where(and(eq(knowledgeChunks.tenantId, tenantId), eq(knowledgeChunks.entryId, entryId)))
    .orderBy(knowledgeChunks.position)
    .all();
  return rows.map((r) => ({ ...r, coverage: 1, score: 1 }));
}

/** Bulk import parsing lives in ./knowledge-import (shared with the dashboard's preview). */
export { parseImport } from "./knowledge-import";
