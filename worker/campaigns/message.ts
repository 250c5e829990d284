// The message each recipient gets: the template with its parameters filled
// from the contact's fields (or each parameter's fallback), or the free text.
import type { SendComponent } from "../templates/definitions";
import { asDefinition, checkParameters, renderTemplate } from "../templates/definitions";
import { findDefinition } from "../templates/store";
import { AppError, fieldError } from "../http/errors";
import type { TenantCtx } from "../lib/context";
import type { ChannelType } from "../db/schema";
import type { OutboundContent } from "../outbound/send";
import type { MessageInput, ParameterInput } from "./inputs";

export interface ContactFields {
  name: string | null;
  phone: string;
  email: string | null;
  stage: string;
  leadScore: number;
  customFields: Record<string, unknown>;
}

function valueOf(p: ParameterInput, c: ContactFields): string {
  if ("text" in p) return p.text;
  let v: unknown;
  if (p.field.startsWith("fields.")) v = c.customFields[p.field.slice(7)];
  else v = (c as unknown as Record<string, unknown>)[p.field];
  const s = v === null || v === undefined ? "" : String(v).trim();
  return s || p.fallback;
}

function components(m: Extract<MessageInput, { template: unknown }>, c: ContactFields): SendComponent[] | undefined {
  const params = m.template.parameters;
  if (!params) return undefined;
  const { header, body } = Array.isArray(params) ? { header: undefined, body: params } : params;
  const out: SendComponent[] = [];
  if (header?.length) out.push({ type: "header", parameters: header.map((p) => ({ type: "text", text: valueOf(p, c) })) });
  if (body?.length) out.push({ type: "body", parameters: body.map((p) => ({ type: "text", text: valueOf(p, c) })) });
  return out.length ? out : undefined;
}

export interface TemplateInfo {
  id: string | null;
  source: string | null;
  definition: ReturnType<typeof asDefinition> | null;
}

/** Check the template once, when the campaign is created: approved, and the parameters fit. */
export async function checkCampaignTemplate(ctx: TenantCtx, channel: { id: string; type: ChannelType }, m: MessageInput): Promise<TemplateInfo | null> {
  if (!("template" in m)) return null;
  const t = m.template;
  const row = await findDefinition(ctx, channel, t.name, t.language);
  if (!row) {
    if (channel.type === "meta") return { id: null, source: null, definition: null };
    throw fieldError("message.template.name", `no template "${t.name}" in language "${t.language}"; create it with POST /api/templates`);
  }
  if (row.status !== "approved") throw new AppError("conflict", `Template "${t.name}" (${t.language}) is ${row.status}; only approved templates can be sent`);
  const definition = asDefinition(row.components);
  const sample: ContactFields = { name: "x", phone: "+10000000000", email: null, stage: "new", leadScore: 0, customFields: {} };
  try {
    checkParameters(t.name, definition, components(m, sample));
  } catch (err) {
    if (err instanceof AppError) throw fieldError("message.template.parameters", err.options.errors?.[0]?.message ?? err.message);
    throw err;
  }
  return { id: row.id, source: row.source, definition };
}

/** The outbound content and the extra data stored with the message, for one contact. */
export function renderFor(m: MessageInput, info: TemplateInfo | null, c: ContactFields): { content: OutboundContent; meta: Record<string, unknown> } {
  if (!("template" in m)) return { content: { type: "text", text: m.text }, meta: {} };
  const comps = components(m, c);
  const renderedText = info?.definition ? renderTemplate(info.definition, comps) : null;
  return {
    content: { type: "template", name: m.template.name, language: m.template.language, ...(comps ? { components: comps } : {}) },
    meta: { template: { id: info?.id ?? null, source: info?.source ?? null, renderedText } },
  };
}
