// Shapes of the contacts API: the OpenAPI document's (worker/routes/contact-schemas.ts).
import type { Schema } from "../../../api";

export type Contact = Schema<"Contact">;
export type Tag = Schema<"Tag">;
export type CustomField = Schema<"CustomField">;
export type ContactImport = Schema<"ContactImport">;
export type ImportError = Schema<"ContactImportError">;
/** GET /api/contacts/{id}/qualification: the lead score and its breakdown, one row per answer. */
export type ContactQualification = Schema<"Qualification">;
export type QualificationAnswer = ContactQualification["answers"][number];
export type LeadBand = Contact["leadBand"];
/** One component of the lead score; the items' points add up to the score. */
export type ScoreBreakdownItem = Contact["scoreBreakdown"][number];

export const contactsKey = ["contacts"] as const;

/** "Ana Lima" or, without a name, the phone number. */
export const contactLabel = (c: Pick<Contact, "name" | "phone">) => c.name?.trim() || c.phone;
