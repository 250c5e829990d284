// Meta's template webhooks (`message_template_status_update`,
// `message_template_quality_update`, `template_category_update`) read into
// provider-neutral TemplateUpdateEvents.
import { z } from "zod";
import type { TemplateUpdateEvent } from "./types";

const id = z.union([z.string(), z.number()]).transform(String);

const common = z.looseObject({
  message_template_id: id.optional(),
  message_template_name: z.string().min(1).optional(),
  message_template_language: z.string().min(1).optional(),
});

const statusSchema = common.extend({
  event: z.string().min(1),
  reason: z.string().nullable().optional(),
  message_template_category: z.string().optional(),
  rejection_info: z.looseObject({ reason: z.string().optional(), recommendation: z.string().optional() }).optional().catch(undefined),
  disable_info: z.looseObject({ disable_date: z.string().optional() }).optional().catch(undefined),
  other_info: z.looseObject({ title: z.string().optional(), description: z.string().optional() }).optional().catch(undefined),
});
const qualitySchema = common.extend({ new_quality_score: z.string().min(1) });
const categorySchema = common.extend({ new_category: z.string().min(1), correct_category: z.string().optional() });

// Meta's status events → Parley's statuses (lowercase). FLAGGED keeps the template usable until its disable date.
const STATUS_EVENTS: Record<string, string | null> = {
  APPROVED: "approved",
  REJECTED: "rejected",
  PENDING: "pending",
  PAUSED: "paused",
  DISABLED: "disabled",
  IN_APPEAL: "in_appeal",
  PENDING_DELETION: "pending_deletion",
  DELETED: "deleted",
  LIMIT_EXCEEDED: "limit_exceeded",
  ARCHIVED: "archived",
  REINSTATED: "approved",
  FLAGGED: null,
};

function why(v: z.infer<typeof statusSchema>): string | null {
  const parts: string[] = [];
  if (v.rejection_info?.reason) parts.push(v.rejection_info.reason);
  else if (v.reason && v.reason !== "NONE") parts.push(v.reason.replace(/_/g, " ").toLowerCase());
  if (v.rejection_info?.recommendation) parts.push(v.rejection_info.recommendation);
  if (v.event === "FLAGGED") parts.push(`Meta flagged the template for low quality${v.disable_info?.disable_date ? `; it will be disabled on ${v.disable_info.disable_date} unless quality improves` : ""}.`);
  if (v.other_info?.description) parts.push(v.other_info.description);
  return parts.length ? parts.join(" ") : null;
}

export function metaTemplateEvent(change: { field: string; value?: unknown }, timestamp: number): TemplateUpdateEvent | null {
  const key = (v: z.infer<typeof common>) => ({
    ...(v.message_template_id ? { providerTemplateId: v.message_template_id } : {}),
    ...(v.message_template_name ? { name: v.message_template_name } : {}),
    ...(v.message_template_language ? { language: v.message_template_language } : {}),
  });
  if (change.field === "message_template_status_update") {
    const parsed = statusSchema.safeParse(change.value);
    if (!parsed.success || !(parsed.data.event in STATUS_EVENTS)) return null;
    const v = parsed.data;
    const status = STATUS_EVENTS[v.event];
    return {
      kind: "template_update",
      ...key(v),
      ...(status ? { status } : {}),
      ...(v.event === "FLAGGED" ? { quality: "red" } : {}),
      ...(v.message_template_category ? { category: v.message_template_category.toLowerCase() } : {}),
      reason: why(v),
      timestamp,
    };
  }
  if (change.field === "message_template_quality_update") {
    const parsed = qualitySchema.safeParse(change.value);
    if (!parsed.success) return null;
    return { kind: "template_update", ...key(parsed.data), quality: parsed.data.new_quality_score.toLowerCase(), timestamp };
  }
  if (change.field === "template_category_update") {
    const parsed = categorySchema.safeParse(change.value);
    if (!parsed.success) return null;
    return { kind: "template_update", ...key(parsed.data), category: parsed.data.new_category.toLowerCase(), timestamp };
  }
  return null;
}
