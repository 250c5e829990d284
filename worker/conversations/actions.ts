// What agents do to a conversation: reply (which takes it over from the bot),
// send a template, hand it back to the bot, close and reopen it.
import { and, eq, ne, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { channels, conversations } from "../db/schema";
import { AppError, conflict, fieldError, unprocessableField } from "../http/errors";
import type { TenantCtx } from "../lib/context";
import { auditStatementWhen } from "../tenancy/audit";
import { queueOutbound } from "../outbound/send";
import { asDefinition, checkParameters, renderTemplate, sendComponentSchema, type DefinitionComponent } from "../templates/definitions";
import { findDefinition } from "../templates/store";
import { an, headerFileKind, headerFileProblem } from "../templates/header-media";
import { publishConversationChange } from "./changes";
import { getConversation, getConversationRow } from "./queries";
import { windowExpiresAt } from "./views";

export const agentReplyInput = z
  .object({
    text: z.string().trim().min(1, { message: "must not be empty" }).max(4096).optional().describe("The message; with mediaId, the file's caption (at most 1024 characters)"),
    mediaId: z.string().min(1).max(64).optional().describe("A file uploaded with POST /api/media"),
  })
  .superRefine((v, ctx) => {
    if (v.text === undefined && v.mediaId === undefined) ctx.addIssue({ code: "custom", path: ["text"], message: "text or mediaId is required" });
    if (v.mediaId !== undefined && v.text !== undefined && v.text.length > 1024) ctx.addIssue({ code: "custom", path: ["text"], message: "a caption can be at most 1024 characters" });
  });

export const sendTemplateInput = z.object({
  name: z.string().trim().min(1, { message: "is required" }).max(512),
  language: z.string().trim().min(2).max(15).describe("The template's language code, e.g. en_US"),
  components: z.array(sendComponentSchema).max(20).optional().describe("Parameters for the template's header, body and buttons, in Meta's send format"),
  headerMediaId: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe("For a template whose header is an image, a video or a document: the file, uploaded first with POST /api/media (of the header's kind, within WhatsApp's limits)"),
});

/** A conversation's row matches `extra` right now: the guard shared by a change and its audit row. */
const stillMatches = (ctx: TenantCtx, id: string, extra: SQL) =>
  sql`EXISTS (SELECT 1 FROM conversations WHERE id = ${id} AND tenant_id = ${ctx.tenantId} AND ${extra})`;

export async function setMode(ctx: TenantCtx, conversationId: string, mode: "bot" | "human", reason: string) {
  await getConversationRow(ctx, conversationId);
  const guard = stillMatches(ctx, conversationId, sql`mode != ${mode}`);
  const [, updated] = await ctx.db.batch([
    auditStatementWhen(ctx, { action: `conversation.mode_${mode}`, targetType: "conversation", targetId: conversationId, metadata: { reason } }, guard),
    ctx.db
      .update(conversations)
      .set({ mode, updatedAt: ctx.now() })
      .where(and(eq(conversations.id, conversationId), eq(conversations.tenantId, ctx.tenantId), ne(conversations.mode, mode)))
      .returning(),
  ]);
  if (updated[0]) await publishConversationChange(ctx, updated[0], "mode", { reason });
  return getConversation(ctx, conversationId);
}

export async function setStatus(ctx: TenantCtx, conversationId: string, status: "open" | "closed") {
  await getConversationRow(ctx, conversationId);
  const guard = stillMatches(ctx, conversationId, sql`status != ${status}`);
  const action = status === "closed" ? "conversation.closed" : "conversation.reopened";
  const [, updated] = await ctx.db.batch([
    auditStatementWhen(ctx, { action, targetType: "conversation", targetId: conversationId }, guard),
    ctx.db
      .update(conversations)
      .set({ status, updatedAt: ctx.now() })
      .where(and(eq(conversations.id, conversationId), eq(conversations.tenantId, ctx.tenantId), ne(conversations.status, status)))
      .returning(),
  ]);
  if (updated[0]) await publishConversationChange(ctx, updated[0], status === "closed" ? "closed" : "reopened");
  return getConversation(ctx, conversationId);
}

const WINDOW_CLOSED_REPLY =
  "The 24-hour customer service window is closed: WhatsApp only allows approved template messages until the customer writes again. " +
  "Send a template with POST /api/conversations/{id}/template.";

/** An agent's reply: queued for sending, and the conversation switches to human mode. Refused outside the 24-hour window. */
export async function agentReply(ctx: TenantCtx, conversationId: string, input: z.infer<typeof agentReplyInput>) {
  const row = await getConversationRow(ctx, conversationId);
  if (windowExpiresAt(row, ctx.now()) === null) {
    throw new AppError("unprocessable", WINDOW_CLOSED_REPLY.replace("{id}", conversationId), {
      errors: [{ path: "text", message: "free text is not allowed outside the 24-hour window; send a template" }],
    });
  }
  const message = await queueOutbound(ctx, {
    tenantId: ctx.tenantId,
    conversationId,
    author: "agent",
    authorUserId: ctx.userId,
    content: input.mediaId ? { type: "media", mediaId: input.mediaId, caption: input.text ?? null } : { type: "text", text: input.text! },
  });
  await setMode(ctx, conversationId, "human", "agent replied");
  return message;
}

const headerRefused = (message: string) => unprocessableField("headerMediaId", message);

/** A header given in Meta's own send format ({ type: "header", parameters: [{ type: "image", image: { id | link } }] }). */
const fileHeaderIn = (components: z.infer<typeof sendTemplateInput>["components"]) =>
  (components ?? []).some((c) => c.type.toLowerCase() === "header" && (c.parameters ?? []).some((p) => ["image", "video", "document"].includes(p.type.toLowerCase())));

/**
 * The header file: required when the template's header is an image, video or
 * document (unless given in Meta's send format in `components`), refused for
 * any other template, and checked (this tenant's, stored, of the header's kind,
 * within WhatsApp's limits). `definition` null: a template Parley does not know (Meta checks it).
 */
async function checkHeaderFile(ctx: TenantCtx, input: z.infer<typeof sendTemplateInput>, definition: DefinitionComponent[] | null): Promise<void> {
  const kind = definition ? headerFileKind(definition) : null;
  const inComponents = fileHeaderIn(input.components);
  if (!input.headerMediaId) {
    if (kind && !inComponents) throw headerRefused(`template "${input.name}" has ${an(kind)} header: upload the ${kind} with POST /api/media and give its id`);
    return;
  }
  if (inComponents) throw headerRefused("the header file is given twice: as headerMediaId and in components");
  if (definition && !kind) throw headerRefused(`template "${input.name}" has no image, video or document header; a file cannot be attached to it`);
  const problem = await headerFileProblem(ctx, ctx.tenantId, input.headerMediaId, kind);
  if (problem) throw headerRefused(problem);
}

/**
 * An approved template, allowed whatever the window. When Parley knows the
 * template (synced from Meta or edited locally) it must be approved and the
 * parameters must fit it; a Meta channel whose templates were never synced
 * leaves that check to Meta.
 */
export async function sendTemplate(ctx: TenantCtx, conversationId: string, input: z.infer<typeof sendTemplateInput>) {
  const row = await getConversationRow(ctx, conversationId);
  const channel = await ctx.db
    .select({ id: channels.id, type: channels.type })
    .from(channels)
    .where(and(eq(channels.id, row.channelId), eq(channels.tenantId, ctx.tenantId)))
    .get();
  if (!channel) throw conflict("This conversation's channel no longer exists");
  const definition = await findDefinition(ctx, channel, input.name, input.language);
  let renderedText: string | null = null;
  if (definition) {
    if (definition.status !== "approved") {
      throw conflict(`Template "${input.name}" (${input.language}) is ${definition.status}; only approved templates can be sent`);
    }
    const components = asDefinition(definition.components);
    checkParameters(input.name, components, input.components);
    await checkHeaderFile(ctx, input, components);
    renderedText = renderTemplate(components, input.components);
  } else if (channel.type !== "meta") {
    throw fieldError("name", `no template "${input.name}" in language "${input.language}"; create it with POST /api/templates`);
  } else if (input.headerMediaId) {
    // Meta checks a template it has never shown us; the file must still be one WhatsApp can send as a header.
    await checkHeaderFile(ctx, input, null);
  }
  const message = await queueOutbound(ctx, {
    tenantId: ctx.tenantId,
    conversationId,
    author: "agent",
    authorUserId: ctx.userId,
    content: {
      type: "template",
      name: input.name,
      language: input.language,
      ...(input.components ? { components: input.components } : {}),
      ...(input.headerMediaId ? { headerMedia: { mediaId: input.headerMediaId } } : {}),
    },
    meta: { template: { id: definition?.id ?? null, source: definition?.source ?? null, renderedText } },
  });
  await setMode(ctx, conversationId, "human", "agent sent a template");
  return message;
}
