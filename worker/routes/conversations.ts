import { createRoute } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AUTHED, IdParam, createRouter, json, jsonBody, listOf, problems } from "../http/openapi";
import { pageQuery, toPage } from "../lib/pagination";
import { agentReply, agentReplyInput, sendTemplate, sendTemplateInput, setMode, setStatus } from "../conversations/actions";
import { assignConversation, assignInput } from "../conversations/assignment";
import { createNote, listNotes, noteInput } from "../conversations/notes";
import { conversationListQuery, getConversation, listConversations, listMessages } from "../conversations/queries";
import { markConversationRead } from "../conversations/read";
import { ConversationSchema, ListedConversationSchema, MessageSchema, NoteSchema } from "./conversation-schemas";

export { ConversationSchema, MessageSchema } from "./conversation-schemas";

const member = () => [authenticate, requireTenant()];
const tags = ["Conversations"];

/** A POST on one conversation that answers with the conversation. */
function conversationAction(path: string, summary: string, extra: number[] = []) {
  return createRoute({
    method: "post",
    path: `/conversations/{id}/${path}`,
    tags,
    summary,
    middleware: member(),
    request: { params: IdParam },
    responses: { 200: json(ConversationSchema, "The conversation"), ...problems(...AUTHED, 404, ...extra) },
  });
}

export const conversationRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/conversations",
      tags,
      summary: "Conversations, with filters; newest first or by last activity",
      middleware: member(),
      request: { query: conversationListQuery },
      responses: { 200: json(listOf(ListedConversationSchema), "Conversations, each with its contact"), ...problems(...AUTHED) },
    }),
    async (c) => c.json(await listConversations(c.get("tenantCtx"), c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/conversations/{id}",
      tags,
      summary: "One conversation",
      middleware: member(),
      request: { params: IdParam },
      responses: { 200: json(ConversationSchema, "The conversation"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await getConversation(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/conversations/{id}/messages",
      tags,
      summary: "Messages of a conversation, newest first",
      middleware: member(),
      request: { params: IdParam, query: pageQuery },
      responses: { 200: json(listOf(MessageSchema), "Messages"), ...problems(...AUTHED, 404) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(toPage(await listMessages(c.get("tenantCtx"), c.req.valid("param").id, q), q.limit), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/conversations/{id}/messages",
      tags,
      summary: "Reply as an agent; the conversation switches to human mode",
      description:
        "Outside the 24-hour customer service window WhatsApp allows only templates: the reply is refused with 422 and `POST /api/conversations/{id}/template` is the way to write. " +
        "A contact who opted out (sent STOP) gets nothing: 409.",
      middleware: member(),
      request: { params: IdParam, ...jsonBody(agentReplyInput) },
      responses: { 201: json(MessageSchema, "Queued for sending"), ...problems(...AUTHED, 404, 409, 422) },
    }),
    async (c) => c.json(await agentReply(c.get("tenantCtx"), c.req.valid("param").id, c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/conversations/{id}/template",
      tags,
      summary: "Send an approved WhatsApp template; allowed outside the 24-hour window",
      description:
        "When the template is known to Parley (synced from Meta or edited locally) it must be approved and the parameters must match its placeholders. " +
        "A template whose header is an image, a video or a document takes the file as `headerMediaId` (upload it first with `POST /api/media`): " +
        "a missing file, another tenant's or an unknown id, a file of another kind, one not yet stored or over WhatsApp's limits is refused with 422 naming `headerMediaId`. " +
        "The message keeps the file (`media`), so the thread shows it with the template's delivery status. " +
        "The conversation switches to human mode. A contact who opted out (sent STOP) gets nothing: 409.",
      middleware: member(),
      request: { params: IdParam, ...jsonBody(sendTemplateInput) },
      responses: { 201: json(MessageSchema, "Queued for sending"), ...problems(...AUTHED, 404, 409, 422) },
    }),
    async (c) => c.json(await sendTemplate(c.get("tenantCtx"), c.req.valid("param").id, c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/conversations/{id}/assign",
      tags,
      summary: "Assign, transfer or unassign (userId null) the conversation",
      description: "The assignee must be a member of the tenant (400 naming `userId` otherwise). Every change writes an audit row.",
      middleware: member(),
      request: { params: IdParam, ...jsonBody(assignInput) },
      responses: { 200: json(ConversationSchema, "The conversation"), ...problems(...AUTHED, 404, 409) },
    }),
    async (c) => c.json(await assignConversation(c.get("tenantCtx"), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(conversationAction("take-over", "Take the conversation over from the bot: it stays silent until handed back"), async (c) =>
    c.json(await setMode(c.get("tenantCtx"), c.req.valid("param").id, "human", "agent took over"), 200),
  )
  .openapi(conversationAction("resume-bot", "Hand the conversation back to the bot"), async (c) =>
    c.json(await setMode(c.get("tenantCtx"), c.req.valid("param").id, "bot", "agent handed back"), 200),
  )
  .openapi(conversationAction("close", "Close the conversation; a new customer message reopens it"), async (c) =>
    c.json(await setStatus(c.get("tenantCtx"), c.req.valid("param").id, "closed"), 200),
  )
  .openapi(conversationAction("reopen", "Reopen a closed conversation"), async (c) =>
    c.json(await setStatus(c.get("tenantCtx"), c.req.valid("param").id, "open"), 200),
  )
  .openapi(
    conversationAction("read", "Mark the conversation read: unread count to 0; on Meta channels the customer's last message is marked read too"),
    async (c) => c.json(await markConversationRead(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/conversations/{id}/notes",
      tags,
      summary: "Internal notes of a conversation, newest first",
      middleware: member(),
      request: { params: IdParam, query: pageQuery },
      responses: { 200: json(listOf(NoteSchema), "Notes"), ...problems(...AUTHED, 404) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(toPage(await listNotes(c.get("tenantCtx"), c.req.valid("param").id, q), q.limit), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/conversations/{id}/notes",
      tags,
      summary: "Leave an internal note for the team; never sent to the customer",
      middleware: member(),
      request: { params: IdParam, ...jsonBody(noteInput) },
      responses: { 201: json(NoteSchema, "The note"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await createNote(c.get("tenantCtx"), c.req.valid("param").id, c.req.valid("json")), 201),
  );
