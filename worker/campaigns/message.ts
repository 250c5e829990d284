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
import { an, headerFileKind, headerFileProblem, type HeaderFileKind } from "../templates/header-media";

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

type TemplateMessage = Extract<MessageInput, { template: unknown }>;

/** The uploaded file named for the template's header, if any. */
function headerMediaOf(m: TemplateMessage): { mediaId: string } | null {
  const params = m.template.parameters;
  if (!params || Array.isArray(params) || !params.header || Array.isArray(params.header)) return null;
  return params.header;
}

function components(m: TemplateMessage, c: ContactFields): SendComponent[] | undefined {
  const params = m.template.parameters;
  if (!params) return undefined;
  const { header: rawHeader, body } = Array.isArray(params) ? { header: undefined, body: params } : params;
  // A file header is added at send time (its bytes go to the provider), not here.
  const header = Array.isArray(rawHeader) ? rawHeader : undefined;
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

const HEADER_PATH = "message.template.parameters.header";

/** The uploaded file for a header: stored, of the header's kind, within WhatsApp's limits. */
async function headerFile(ctx: TenantCtx, mediaId: string, kind: HeaderFileKind | null): Promise<void> {
  const problem = await headerFileProblem(ctx, ctx.tenantId, mediaId, kind);
  if (problem) throw fieldError(`${HEADER_PATH}.mediaId`, problem);
}

/** A template whose header is an image, video or document needs the file; any other template takes none. */
async function checkHeaderMedia(ctx: TenantCtx, name: string, definition: ReturnType<typeof asDefinition>, media: { mediaId: string } | null): Promise<void> {
  const kind = headerFileKind(definition);
  if (kind && !media) throw fieldError(HEADER_PATH, `template "${name}" has ${an(kind)} header: give { "mediaId" } of an uploaded ${kind}`);
  if (!kind && media) throw fieldError(HEADER_PATH, `template "${name}" has no image, video or document header; a file cannot be attached to it`);
  if (kind && media) await headerFile(ctx, media.mediaId, kind);
}

/** Check the template once, when the campaign is created: approved, and the parameters fit. */
export async function checkCampaignTemplate(ctx: TenantCtx, channel: { id: string; type: ChannelType }, m: MessageInput): Promise<TemplateInfo | null> {
  if (!("template" in m)) return null;
  const t = m.template;
  const row = await findDefinition(ctx, channel, t.name, t.language);
  if (!row) {
    // Meta checks a template it has never shown us; a header file must still be one we can send.
    const media = headerMediaOf(m);
    if (media) await headerFile(ctx, media.mediaId, null);
    if (channel.type === "meta") return { id: null, source: null, definition: null };
    throw fieldError("message.template.name", `no template "${t.name}" in language "${t.language}"; create it with POST /api/templates`);
  }
  if (row.status !== "approved") throw new AppError("conflict", `Template "${t.name}" (${t.language}) is ${row.status}; only approved templates can be sent`);
  const definition = asDefinition(row.components);
  await checkHeaderMedia(ctx, t.name, definition, headerMediaOf(m));
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
    content: {
      type: "template",
      name: m.template.name,
      language: m.template.language,
      ...(comps ? { components: comps } : {}),
      ...(headerMediaOf(m) ? { headerMedia: headerMediaOf(m)! } : {}),
    },
    meta: { template: { id: info?.id ?? null, source: info?.source ?? null, renderedText } },
  };
}
