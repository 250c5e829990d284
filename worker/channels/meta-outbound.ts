// OutboundMessage → Graph API /messages body. Interactive limits are checked
// here so a message Meta would reject never costs a request or a retry.
import { z } from "zod";
import { permanentFailure, type SendFailure } from "./http";
import { normalizeE164 } from "./phone";
import type { OutboundMessage } from "./types";

// Meta counts characters, not UTF-16 units: an emoji is one.
const text = (max: number) =>
  z
    .string()
    .min(1, { message: "must not be empty" })
    .refine((s) => [...s].length <= max, { message: `must be at most ${max} characters` });

const unique = (titles: string[]) => new Set(titles).size === titles.length;

const buttonsSchema = z.object({
  body: text(1024),
  header: text(60).optional(),
  footer: text(60).optional(),
  buttons: z
    .array(z.object({ id: text(256), title: text(20) }))
    .min(1, { message: "needs at least one button" })
    .max(3, { message: "allows at most 3 buttons" })
    .refine((b) => unique(b.map((x) => x.title)), { message: "titles must be unique" }),
});

const listSchema = z.object({
  body: text(4096),
  header: text(60).optional(),
  footer: text(60).optional(),
  button: text(20),
  sections: z
    .array(
      z.object({
        title: text(24).optional(),
        rows: z.array(z.object({ id: text(200), title: text(24), description: text(72).optional() })).min(1, { message: "needs at least one row" }),
      }),
    )
    .min(1, { message: "needs at least one section" })
    .max(10, { message: "allows at most 10 sections" })
    .refine((s) => s.reduce((n, x) => n + x.rows.length, 0) <= 10, { message: "allows at most 10 rows in total" })
    .refine((s) => s.length === 1 || s.every((x) => x.title), { message: "every section needs a title when there are several" }),
});

function invalid(kind: string, error: z.ZodError): SendFailure {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")} ` : "";
  return permanentFailure("invalid_message", `The ${kind} message breaks WhatsApp's limits`, `${where}${issue?.message ?? "is invalid"}`);
}

const textPart = (t: string | undefined) => (t ? { text: t } : undefined);

/** Meta business-scoped user ids: a two-letter country code, a dot, then letters, digits and dots ("US.13491208655302741918"). */
export const META_USER_ID = /^[A-Z]{2}\.[A-Za-z0-9.]+$/;

/** The JSON body for POST /{phone-number-id}/messages, or why it cannot be sent. */
export function metaMessageBody(msg: OutboundMessage): { ok: true; body: Record<string, unknown> } | SendFailure {
  // Without the '+', Meta prepends the business number's country code.
  const to = normalizeE164(msg.to);
  // A user who hides their number behind a username is addressed by their business-scoped user id.
  const userId = !to && META_USER_ID.test(msg.to) ? msg.to : null;
  if (!to && !userId) return permanentFailure("invalid_recipient", "The recipient is not a phone number in international format");
  const base = {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    ...(to ? { to } : { recipient: userId }),
    ...(msg.reference ? { biz_opaque_callback_data: msg.reference } : {}),
  };

  switch (msg.type) {
    case "text":
      return {
        ok: true,
        body: {
          ...base,
          type: "text",
          text: { preview_url: msg.previewUrl ?? false, body: msg.text },
          ...(msg.replyTo ? { context: { message_id: msg.replyTo } } : {}),
        },
      };
    case "template":
      return {
        ok: true,
        body: {
          ...base,
          type: "template",
          template: { name: msg.name, language: { code: msg.language, policy: "deterministic" }, ...(msg.components ? { components: msg.components } : {}) },
        },
      };
    case "buttons": {
      const v = buttonsSchema.safeParse(msg);
      if (!v.success) return invalid("buttons", v.error);
      const m = v.data;
      return {
        ok: true,
        body: {
          ...base,
          type: "interactive",
          interactive: {
            type: "button",
            ...(m.header ? { header: { type: "text", text: m.header } } : {}),
            body: { text: m.body },
            ...(m.footer ? { footer: textPart(m.footer) } : {}),
            action: { buttons: m.buttons.map((b) => ({ type: "reply", reply: { id: b.id, title: b.title } })) },
          },
        },
      };
    }
    case "list": {
      const v = listSchema.safeParse(msg);
      if (!v.success) return invalid("list", v.error);
      const m = v.data;
      return {
        ok: true,
        body: {
          ...base,
          type: "interactive",
          interactive: {
            type: "list",
            ...(m.header ? { header: { type: "text", text: m.header } } : {}),
            body: { text: m.body },
            ...(m.footer ? { footer: textPart(m.footer) } : {}),
            action: { button: m.button, sections: m.sections },
          },
        },
      };
    }
  }
}
