// Reading a WhatsApp Business Account's message templates from the Graph API:
// GET {graph}/{wabaId}/message_templates with the channel's access token,
// following Meta's paging. Errors are sorted like send errors.
import { z } from "zod";
import { networkFailure, SEND_TIMEOUT_MS, type SendFailure } from "./http";
import { classifyGraphError } from "./meta-client";
import type { Fetcher } from "./types";

export interface MetaTemplatesConfig {
  graphBaseUrl: string;
  wabaId: string;
  accessToken: string;
}

/** One template as Meta lists it; fields Parley does not use are kept. */
export const metaTemplateSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().min(1).max(512),
  language: z.string().min(2).max(15),
  status: z.string().min(1),
  category: z.string().min(1).optional(),
  components: z.array(z.record(z.string(), z.unknown())).default([]),
  quality_score: z.looseObject({ score: z.string().optional() }).optional().catch(undefined),
  rejected_reason: z.string().optional().catch(undefined),
});
export type MetaTemplate = z.infer<typeof metaTemplateSchema>;

const pageSchema = z.object({
  data: z.array(z.unknown()),
  paging: z.looseObject({ next: z.string().optional() }).optional(),
});

export type MetaTemplatesResult = { ok: true; templates: MetaTemplate[]; invalid: number } | SendFailure;

/** Meta's management API is limited to 200 calls an hour per WABA: a sync reads at most this many pages of 100. */
export const MAX_PAGES = 20;
const FIELDS = "id,name,language,status,category,components,quality_score,rejected_reason";

async function getJson(fetcher: Fetcher, url: string, accessToken: string): Promise<{ status: number; headers: Headers; body: unknown } | SendFailure> {
  try {
    const res = await fetcher(url, {
      method: "GET",
      headers: { accept: "application/json", authorization: `Bearer ${accessToken}` },
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // An HTML error page from a proxy: classified by status.
    }
    return { status: res.status, headers: res.headers, body };
  } catch (err) {
    return networkFailure(err);
  }
}

function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

export async function fetchMetaTemplates(cfg: MetaTemplatesConfig, fetcher: Fetcher = fetch): Promise<MetaTemplatesResult> {
  const base = cfg.graphBaseUrl.replace(/\/+$/, "");
  const origin = new URL(base).origin;
  let url: string | null = `${base}/${encodeURIComponent(cfg.wabaId)}/message_templates?fields=${FIELDS}&limit=100`;
  const templates: MetaTemplate[] = [];
  let invalid = 0;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const reply = await getJson(fetcher, url, cfg.accessToken);
    if ("ok" in reply) return reply;
    if (reply.status < 200 || reply.status >= 300) return classifyGraphError(reply.status, reply.body, reply.headers);
    const parsed = pageSchema.safeParse(reply.body);
    if (!parsed.success) return { ok: false, retryable: false, code: "invalid_response", title: "Meta answered without a list of templates" };
    for (const item of parsed.data.data) {
      const t = metaTemplateSchema.safeParse(item);
      if (t.success) templates.push(t.data);
      else invalid++;
    }
    const next = parsed.data.paging?.next;
    // The access token only ever goes to the Graph API's own origin.
    url = next && sameOrigin(next, origin) ? next : null;
  }
  return { ok: true, templates, invalid };
}

export interface NewMetaTemplate {
  name: string;
  language: string;
  /** MARKETING, UTILITY or AUTHENTICATION. */
  category: string;
  components: Record<string, unknown>[];
}

const createdSchema = z.looseObject({ id: z.string().min(1), status: z.string().optional(), category: z.string().optional() });

export type CreateMetaTemplateResult = { ok: true; id: string; status: string | null; category: string | null } | SendFailure;

/** Submit a template for Meta's review: POST {graph}/{wabaId}/message_templates. */
export async function createMetaTemplate(cfg: MetaTemplatesConfig, template: NewMetaTemplate, fetcher: Fetcher = fetch): Promise<CreateMetaTemplateResult> {
  const url = `${cfg.graphBaseUrl.replace(/\/+$/, "")}/${encodeURIComponent(cfg.wabaId)}/message_templates`;
  let res: Response;
  try {
    res = await fetcher(url, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json", authorization: `Bearer ${cfg.accessToken}` },
      body: JSON.stringify(template),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (err) {
    return networkFailure(err);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) return classifyGraphError(res.status, body, res.headers);
  const parsed = createdSchema.safeParse(body);
  if (!parsed.success) return { ok: false, retryable: false, code: "invalid_response", title: "Meta answered without the new template's id" };
  return { ok: true, id: parsed.data.id, status: parsed.data.status ?? null, category: parsed.data.category ?? null };
}
