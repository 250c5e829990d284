// A customer managing their booking from the chat: "can I reschedule?",
// "ganti jadwal" → the next free slots (their current time excluded), and the
// slot they pick moves the booking; "cancel my booking", "batalkan" → asked
// once to confirm, then cancelled. Only with an upcoming confirmed booking.
import { tokenize, type Language } from "../ai/text";
import type { BotSettings } from "../ai/settings";
import { isKeyword } from "../ai/signals";
import type { Ctx } from "../lib/context";
import { cancelByCustomer, moveBooking, upcomingBooking } from "./bookings";
import { formatSlot } from "./slots";

export const RESCHEDULE_STEP = "reschedule:";
export const CANCEL_STEP = "cancel:";

const RESCHEDULE = ["reschedule", "rearrange", "change the time", "change my booking", "change my appointment", "move my booking", "move my appointment", "another time", "different time", "ganti jadwal", "ubah jadwal", "pindah jadwal", "ganti waktu", "ubah waktu", "reschedul", "jadwal ulang", "undur", "diundur", "mundurin", "majuin"];
const CANCEL = ["cancel", "cancel my booking", "cancel the booking", "cancel my appointment", "batal", "batalkan", "batalin", "membatalkan", "gak jadi datang", "ga jadi datang", "tidak jadi datang"];
const YES = ["yes", "y", "yeah", "yep", "sure", "ok", "okay", "confirm", "ya", "iya", "iyaa", "yoi", "betul", "benar", "boleh", "oke", "jadi"];

/** "yes", "ya", "iya, batalkan": a yes word first, no "not" after it. */
function saysYes(text: string): boolean {
  const words = tokenize(text);
  return isKeyword(words[0] ?? "", YES) && !words.some((w) => ["no", "not", "dont", "jangan", "tidak", "gak", "ga", "nggak", "wait", "tunggu"].includes(w));
}

const has = (text: string, phrases: string[]) => {
  const t = ` ${tokenize(text).join(" ")} `;
  return phrases.some((p) => t.includes(` ${tokenize(p).join(" ")} `));
};
export const wantsReschedule = (text: string) => has(text, RESCHEDULE);
export const wantsCancel = (text: string) => has(text, CANCEL) && !wantsReschedule(text);

export const MANAGE_PHRASES: Record<Language, {
  confirmCancel: (when: string) => string;
  cancelled: (when: string) => string;
  keptBooking: (when: string) => string;
  moved: (when: string, tz: string) => string;
  gone: string;
}> = {
  en: {
    confirmCancel: (when) => `Cancel your booking for ${when}? Reply YES to cancel it.`,
    cancelled: (when) => `Your booking for ${when} is cancelled. Write here whenever you'd like to book again.`,
    keptBooking: (when) => `No problem, your booking for ${when} stays as it is.`,
    moved: (when, tz) => `Done: your booking is moved to ${when} (${tz}). See you then!`,
    gone: "That booking is no longer active. Ask to book if you'd like a new time.",
  },
  id: {
    confirmCancel: (when) => `Batalkan jadwal Anda untuk ${when}? Balas YA untuk membatalkan.`,
    cancelled: (when) => `Jadwal Anda untuk ${when} sudah dibatalkan. Kabari kami di sini kapan pun Anda ingin membuat jadwal lagi.`,
    keptBooking: (when) => `Baik, jadwal Anda untuk ${when} tetap seperti semula.`,
    moved: (when, tz) => `Sudah: jadwal Anda dipindah ke ${when} (${tz}). Sampai jumpa!`,
    gone: "Jadwal itu sudah tidak aktif. Minta jadwal baru jika Anda ingin membuat janji lagi.",
  },
};

export type ManageOutcome =
  | { kind: "offer_reschedule"; bookingId: string }
  | { kind: "ask_cancel"; bookingId: string; text: string }
  | { kind: "reply"; text: string; meta: Record<string, unknown>; clear: boolean }
  | null;

interface ManageInput {
  tenantId: string;
  contactId: string;
  flowStep: string | null;
  text: string;
  language: Language;
  booking: BotSettings["booking"];
}

/** What the customer's message means for their booking, before the rest of the flow looks at it. */
export async function manageTurn(ctx: Ctx, input: ManageInput): Promise<ManageOutcome> {
  const p = MANAGE_PHRASES[input.language];
  const when = (at: number) => formatSlot(at, input.booking.timezone, input.language);
  if (input.flowStep?.startsWith(CANCEL_STEP)) {
    const id = input.flowStep.slice(CANCEL_STEP.length);
    const upcoming = await upcomingBooking(ctx, input.tenantId, input.contactId);
    if (!upcoming || upcoming.id !== id) return { kind: "reply", text: p.gone, meta: { booking: "gone" }, clear: true };
    if (!saysYes(input.text)) return { kind: "reply", text: p.keptBooking(when(upcoming.startsAt)), meta: { booking: "kept", bookingId: id }, clear: true };
    const cancelled = await cancelByCustomer(ctx, input.tenantId, id);
    return cancelled
      ? { kind: "reply", text: p.cancelled(when(upcoming.startsAt)), meta: { booking: "cancelled", bookingId: id }, clear: true }
      : { kind: "reply", text: p.gone, meta: { booking: "gone" }, clear: true };
  }
  const reschedule = wantsReschedule(input.text);
  const cancel = !reschedule && wantsCancel(input.text);
  if (!reschedule && !cancel) return null;
  const upcoming = await upcomingBooking(ctx, input.tenantId, input.contactId);
  if (!upcoming) return null;
  if (cancel) return { kind: "ask_cancel", bookingId: upcoming.id, text: p.confirmCancel(when(upcoming.startsAt)) };
  return { kind: "offer_reschedule", bookingId: upcoming.id };
}

/** The customer picked a new time for the booking they asked to move. */
export async function moveTo(ctx: Ctx, tenantId: string, bookingId: string, start: number, language: Language, booking: BotSettings["booking"]) {
  const result = await moveBooking(ctx, tenantId, bookingId, start, booking);
  const p = MANAGE_PHRASES[language];
  if (result.ok) return { ok: true as const, text: p.moved(formatSlot(start, booking.timezone, language), booking.timezone), meta: { booking: "rescheduled", bookingId, previousStart: result.previousStart } };
  if (result.reason === "gone") return { ok: true as const, text: p.gone, meta: { booking: "gone" } };
  return { ok: false as const };
}
