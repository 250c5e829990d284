// The tenant's knowledge base: entries split into chunks, indexed in FTS5 by
// their stemmed terms, retrieved by bm25 and re-ranked by how much of the
// question a chunk actually covers.
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { knowledgeChunks, knowledgeEntries } from "../db/schema";
import { notFound } from "../http/errors";
import type { Ctx, TenantCtx } from "../lib/context";
import { newId } from "../lib/ids";
import { auditStatement } from "../tenancy/audit";
import { iso } from "../tenancy/serialize";
import { parseCsv } from "../contacts/csv";
import { knowledgeFts } from "./fts";
import { alternatives } from "./lexicon";
import { indexEmbeddings, removeEmbeddings, semanticHits, type EmbeddedChunk } from "./embeddings";
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
  /** Share of the question's content terms this chunk contains (0–1). */
  coverage: number;
  score: number;
}

/** FTS5 query of OR-ed quoted terms (quotes keep user text from being FTS syntax). */
const ftsQuery = (qTerms: string[]) => qTerms.map((t) => `"${t.replace(/"/g, "")}"`).join(" OR ");
/** The terms, matched only inside the tenant's rows (tenant_id is an indexed FTS column). */
const tenantFtsQuery = (tenantId: string, qTerms: string[]) => `tenant_id : "${tenantId.replace(/"/g, "")}" AND terms : (${ftsQuery(qTerms)})`;

/**
 * Chunks that answer the question. A chunk's coverage is the share of the
 * question's terms (or their synonyms) it contains. In strict mode (the
 * assistant's) a question with a term the knowledge never mentions gets
 * nothing: "the price of the house in Pondok Indah" must not be answered with
 * the price of another house.
 */
export async function retrieve(
  ctx: Ctx,
  tenantId: string,
  question: string,
  opts: { limit?: number; minCoverage?: number; strict?: boolean } = {},
): Promise<RetrievedChunk[]> {
  const concepts = [...new Set(terms(question))].map(alternatives);
  if (!concepts.length) return [];
  const [rows, semantic] = await Promise.all([
    ctx.db.all<{ chunk_id: string; entry_id: string; terms: string; rank: number }>(
      // bm25 weighs only the terms column: the tenant column is the same for every candidate.
      sql`SELECT chunk_id, entry_id, terms, bm25(knowledge_fts, 1.0, 0.0, 0.0, 0.0) AS rank FROM knowledge_fts
          WHERE knowledge_fts MATCH ${tenantFtsQuery(tenantId, [...new Set(concepts.flat())])} AND tenant_id = ${tenantId}
          ORDER BY rank LIMIT 50`,
    ),
    semanticHits(ctx, tenantId, question),
  ]);
  const strict = opts.strict !== false;
  // With embeddings on, similar chunks join the keyword matches; the strict rule still holds:
  // a question with a term the knowledge never mentions gets nothing.
  if (!rows.length && (strict || !semantic.length)) return [];
  const rowTerms = rows.map((r) => new Set(r.terms.split(" ")));
  const covers = (have: Set<string>, alts: string[]) => alts.some((a) => have.has(a));
  if (strict && concepts.some((alts) => !rowTerms.some((have) => covers(have, alts)))) return [];
  const ids = [...new Set([...rows.map((r) => r.chunk_id), ...semantic.map((h) => h.chunkId)])];
  const chunks = await ctx.db
    .select({ id: knowledgeChunks.id, entryId: knowledgeChunks.entryId, text: knowledgeChunks.text, title: knowledgeEntries.title })
    .from(knowledgeChunks)
    .innerJoin(knowledgeEntries, eq(knowledgeEntries.id, knowledgeChunks.entryId))
    .where(and(eq(knowledgeChunks.tenantId, tenantId), inArray(knowledgeChunks.id, ids)))
    .all();
  const byId = new Map(chunks.map((c) => [c.id, c]));
  const similarity = new Map(semantic.map((h) => [h.chunkId, h.score]));
  const found = new Map<string, RetrievedChunk>();
  rows.forEach((r, i) => {
    const c = byId.get(r.chunk_id);
    if (!c) return;
    // A semantic match covers the question as far as it is similar to it.
    const coverage = Math.max(concepts.filter((alts) => covers(rowTerms[i]!, alts)).length / concepts.length, similarity.get(r.chunk_id) ?? 0);
    // bm25 is negative: more negative is better.
    found.set(r.chunk_id, { chunkId: r.chunk_id, entryId: r.entry_id, title: c.title, text: c.text, coverage, score: coverage * 10 - r.rank });
  });
  for (const h of semantic) {
    const c = byId.get(h.chunkId);
    if (c && !found.has(h.chunkId)) found.set(h.chunkId, { chunkId: h.chunkId, entryId: c.entryId, title: c.title, text: c.text, coverage: h.score, score: h.score * 10 });
  }
  const minCoverage = opts.minCoverage ?? 0.5;
  return [...found.values()]
    .filter((r) => r.coverage >= minCoverage)
    .sort((a, b) => b.score - a.score)
    .slice(0, opts.limit ?? 4);
}

/** Bulk import: Markdown (one entry per heading section) or CSV with question/answer (or title/content) columns. */
export function parseImport(format: "markdown" | "csv", body: string): { title: string; content: string }[] {
  if (format === "markdown") {
    const out: { title: string; content: string }[] = [];
    let title: string | null = null;
    let lines: string[] = [];
    const flush = () => {
      const content = lines.join("\n").trim();
      if (title && content) out.push({ title, content });
    };
    for (const line of body.split(/\r?\n/)) {
      const h = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
      if (h) {
        flush();
        title = h[1]!;
        lines = [];
      } else lines.push(line);
    }
    flush();
    return out;
  }
  const rows = parseCsv(body).records.map((r) => r.cells).filter((cells) => cells.some((c) => c.trim() !== ""));
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  const ti = header.findIndex((h) => h === "question" || h === "title" || h === "q");
  const ci = header.findIndex((h) => h === "answer" || h === "content" || h === "a");
  if (ti < 0 || ci < 0) return [];
  return rows
    .map((r) => ({ title: (r[ti] ?? "").trim(), content: (r[ci] ?? "").trim() }))
    .filter((r) => r.title && r.content);
}
