// Validation of contact fields, shared by the API and the CSV import so both
// accept exactly the same values.
import { z } from "zod";
import { normalizeE164 } from "../channels/phone";

export const PHONE_MESSAGE = "must be a phone number in international format, e.g. +6281234567890";
export const STAGE_MESSAGE = "must be 1–40 characters: lowercase letters, digits, '-' or '_'";
export const TAG_MESSAGE = "must be 1–40 characters without , ; | or control characters";

export const MAX_NAME = 200;
export const MAX_EMAIL = 254;
export const MAX_TAGS_PER_CONTACT = 50;

const STAGE = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const TAG = /^[^,;|\p{Cc}]{1,40}$/u;
// Pragmatic: one @, no spaces, a dot in the domain.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isStage = (s: string) => STAGE.test(s);
export const isTagName = (s: string) => TAG.test(s);
export const isEmail = (s: string) => s.length <= MAX_EMAIL && EMAIL.test(s);
/** Tag names are unique per tenant regardless of case. */
export const tagKey = (name: string) => name.trim().toLowerCase();

export const phoneField = z
  .string()
  .trim()
  .max(40, { message: PHONE_MESSAGE })
  .transform((v, ctx) => {
    const e164 = normalizeE164(v);
    if (!e164) {
      ctx.addIssue({ code: "custom", message: PHONE_MESSAGE });
      return z.NEVER;
    }
    return e164;
  });

export const nameField = z.string().trim().min(1, { message: "must not be empty" }).max(MAX_NAME);
export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .refine(isEmail, { message: "must be an email address" });
export const stageField = z.string().trim().toLowerCase().refine(isStage, { message: STAGE_MESSAGE });
export const leadScoreField = z.number().int().min(0).max(100);
export const tagNameField = z.string().trim().refine(isTagName, { message: TAG_MESSAGE });

/** Tag names, deduplicated case-insensitively (the first spelling wins). */
export const tagListField = z
  .array(tagNameField)
  .max(MAX_TAGS_PER_CONTACT)
  .transform((names) => dedupeTags(names));

export function dedupeTags(names: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of names) {
    const k = tagKey(n);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(n.trim());
    }
  }
  return out;
}

/**
 * An object schema that names every unknown key as its own field error, so a
 * client sending a field that cannot be set learns which one (zod's strict
 * mode reports them all on the body).
 */
export function closedObject<S extends z.ZodRawShape>(shape: S, unknownMessage = "is not a field that can be set here") {
  const known = new Set(Object.keys(shape));
  return z.looseObject(shape).superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      if (!known.has(key)) ctx.addIssue({ code: "custom", path: [key], message: unknownMessage });
    }
  });
}
