// Shapes of the contacts API, mirroring worker/routes/contact-schemas.ts.
export interface Contact {
  id: string;
  phone: string;
  waId: string;
  name: string | null;
  email: string | null;
  tags: string[];
  leadScore: number;
  leadBand: LeadBand;
  scoreBreakdown: ScoreBreakdownItem[];
  stage: string;
  optedOut: boolean;
  optedOutAt: string | null;
  customFields: Record<string, unknown>;
  /** IANA zone set for the contact; null: none set. */
  timeZone: string | null;
  /** The zone campaign quiet hours use: timeZone, else the one the number implies, else null. */
  timeZoneEffective: string | null;
  lastMessageAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Tag {
  id: string;
  name: string;
  color: string | null;
  contactCount: number;
}

export interface CustomField {
  id: string;
  key: string;
  label: string;
  type: "text" | "number" | "boolean" | "date" | "select";
  options: string[] | null;
}

export interface ContactImport {
  id: string;
  status: "queued" | "processing" | "completed" | "failed";
  fileName: string | null;
  totalRows: number;
  contactRows: number;
  duplicateRows: number;
  errorRows: number;
  processedRows: number;
  createdContacts: number;
  updatedContacts: number;
  progress: number;
  ignoredColumns: string[];
  error: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface ImportError {
  row: number;
  column: string | null;
  reason: string;
}

export const contactsKey = ["contacts"] as const;

/** "Ana Lima" or, without a name, the phone number. */
export const contactLabel = (c: Pick<Contact, "name" | "phone">) => c.name?.trim() || c.phone;

/** GET /api/contacts/{id}/qualification: the lead score and its breakdown, one row per answer. */
export interface QualificationAnswer {
  key: string;
  label: string;
  question: string;
  answer: string;
  points: number;
  maxPoints: number;
  answeredAt: string;
  messageId: string | null;
}

export type LeadBand = "cold" | "warm" | "hot";

/** One component of the lead score; the items' points add up to the score. */
export interface ScoreBreakdownItem {
  component: "qualification" | "engagement" | "intent" | "sentiment" | "booking" | "basicInfo" | "documents";
  weight: number;
  value: number;
  points: number;
  detail: string;
}

export interface ContactQualification {
  leadScore: number;
  leadBand: LeadBand;
  scoreBreakdown: ScoreBreakdownItem[];
  /** The answers' points (0–100), compared with qualifiedScore. */
  qualificationScore: number;
  stage: string | null;
  qualifiedScore: number;
  /** Whether the tenant's flow is on. */
  enabled: boolean;
  completed: boolean;
  pendingStep: string | null;
  /** The question still waiting for an answer. */
  pending: { key: string; label: string; question: string } | null;
  answers: QualificationAnswer[];
}
