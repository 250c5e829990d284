// Choices as taps on WhatsApp (Meta): a question with options goes out as
// reply buttons (up to 3) or a list (up to 10 rows), the offered slots as a
// list; the tap comes back as the button or row id. WAHA and the sandbox keep
// the numbered text. Titles are fitted to WhatsApp's limits here (buttons 20
// characters, rows 24, descriptions 72, all titles unique); when they cannot
// be, the question stays text rather than risk a message Meta refuses.
import type { OutboundContent } from "../outbound/send";
import type { Language } from "../ai/text";
import type { FlowStep } from "./definition";

const BUTTON_TITLE = 20;
const ROW_TITLE = 24;
const ROW_DESCRIPTION = 72;
const MAX_BUTTONS = 3;
const MAX_ROWS = 10;

const LIST_BUTTON: Record<Language, string> = { en: "Choose", id: "Pilih" };
const SLOT_BUTTON: Record<Language, string> = { en: "See times", id: "Lihat waktu" };

/** Characters as WhatsApp counts them (an emoji is one). */
const chars = (s: string) => [...s];
function fit(s: string, max: number): string {
  const c = chars(s.trim());
  return c.length <= max ? c.join("") : `${c.slice(0, max - 1).join("").trimEnd()}…`;
}
const unique = (titles: string[]) => new Set(titles).size === titles.length;

export const optionId = (stepKey: string, index: number) => `flow:${stepKey}:${index}`;
export const slotId = (start: number) => `slot:${start}`;

/** The interactive form of a choice question on Meta, or null (not a choice, another channel, titles that cannot fit). */
export function questionContent(step: FlowStep, channelType: string, language: Language): OutboundContent | null {
  if (channelType !== "meta" || step.type !== "choice" || !step.options?.length) return null;
  const options = step.options;
  if (options.length <= MAX_BUTTONS && chars(step.question).length <= 1024) {
    const buttons = options.map((o, i) => ({ id: optionId(step.key, i), title: fit(o.label, BUTTON_TITLE) }));
    if (unique(buttons.map((b) => b.title))) return { type: "buttons", body: step.question, buttons };
  }
  if (options.length > MAX_ROWS) return null;
  const rows = options.map((o, i) => {
    const title = fit(o.label, ROW_TITLE);
    return { id: optionId(step.key, i), title, ...(title !== o.label.trim() ? { description: fit(o.label, ROW_DESCRIPTION) } : {}) };
  });
  if (!unique(rows.map((r) => r.title))) return null;
  return { type: "list", body: step.question, button: LIST_BUTTON[language], rows };
}

/** The offered slots as a list on Meta (the body keeps the numbered text), or null elsewhere. */
export function slotsContent(body: string, slots: { start: number; label: string }[], channelType: string, language: Language): OutboundContent | null {
  if (channelType !== "meta" || !slots.length || slots.length > MAX_ROWS) return null;
  const rows = slots.map((s) => ({ id: slotId(s.start), title: fit(s.label, ROW_TITLE) }));
  if (!unique(rows.map((r) => r.title))) return null;
  return { type: "list", body, button: SLOT_BUTTON[language], rows };
}

/** The id of the button or list row a customer tapped (stored on the message by the Meta parser). */
export function tappedId(payload: unknown): string | null {
  const id = (payload as { interactive?: { id?: unknown } } | null)?.interactive?.id;
  return typeof id === "string" ? id : null;
}

/** The option of `step` a tap picked, as the label the answer parser knows. */
export function tappedOption(step: FlowStep, payload: unknown): string | null {
  const id = tappedId(payload);
  const prefix = `flow:${step.key}:`;
  if (!id?.startsWith(prefix)) return null;
  return step.options?.[Number(id.slice(prefix.length))]?.label ?? null;
}

/** The offered slot a tap picked. */
export function tappedSlot(payload: unknown, offered: number[]): number | null {
  const id = tappedId(payload);
  if (!id?.startsWith("slot:")) return null;
  const start = Number(id.slice(5));
  return offered.includes(start) ? start : null;
}
