// Fixed phrasing in each supported language. The built-in provider and the
// responder use these; nothing here states a business fact.
import type { Language } from "./text";

type Phrases = {
  whichOne: string;
  pickOne: (count: number) => string;
  dontKnow: string;
  dontKnowStay: string;
  /** Before a fact quoted in the other language, so the reply still opens in the customer's. */
  quotedOther: string;
  hello: string;
  welcome: string;
  handoffRequested: string;
  handoffNegative: string;
  creditsExhausted: string;
  optedOut: string;
  optedIn: string;
  error: string;
  flowDone: string;
  qualifiedHandoff: string;
  offerSlots: (list: string) => string;
  pickSlot: string;
  booked: (when: string, timezone: string) => string;
  slotTaken: (list: string) => string;
  noSlots: string;
};

export const PHRASES: Record<Language, Phrases> = {
  en: {
    whichOne: "Which one do you mean?",
    pickOne: (n) => `Reply with a number from 1 to ${n}.`,
    quotedOther: "Here is what we have on that (written in Indonesian):",
    dontKnow: "I'm sorry, I don't have that information. Let me get a colleague to help you — they'll reply here shortly.",
    dontKnowStay: "I'm sorry, I don't have that information.",
    hello: "Hi! How can I help you today?",
    welcome: "You're welcome! Let me know if there's anything else I can help with.",
    handoffRequested: "Of course — I'm bringing in a colleague now. They'll reply here shortly.",
    handoffNegative: "I'm sorry about this. I'm asking a colleague to take over right away; they'll reply here shortly.",
    creditsExhausted: "Thanks for your message! A colleague will reply here shortly.",
    optedOut: "You're unsubscribed and won't receive automated messages from us anymore. Reply START to subscribe again.",
    optedIn: "You're subscribed again. How can we help?",
    error: "Thanks for your message! A colleague will reply here shortly.",
    flowDone: "Thank you, that's everything I needed.",
    qualifiedHandoff: "Thank you! A colleague will contact you here shortly.",
    offerSlots: (list) => `These times are free:\n${list}\nReply with the number of the time that suits you.`,
    pickSlot: "Reply with the number of the time that suits you.",
    booked: (when, tz) => `You're booked for ${when} (${tz}). See you then! Reply here if you need to change it.`,
    slotTaken: (list) => `Sorry, that time was just taken. These are still free:\n${list}\nReply with the number of the time that suits you.`,
    noSlots: "Sorry, there are no free times in the coming days. A colleague will reply here to find a time with you.",
  },
  id: {
    whichOne: "Yang mana yang Anda maksud?",
    pickOne: (n) => `Balas dengan angka 1 sampai ${n}.`,
    quotedOther: "Berikut informasi dari kami (tertulis dalam bahasa Inggris):",
    dontKnow: "Mohon maaf, saya belum memiliki informasi tersebut. Saya akan menghubungkan Anda dengan rekan kami — mereka akan segera membalas di sini.",
    dontKnowStay: "Mohon maaf, saya belum memiliki informasi tersebut.",
    hello: "Halo! Ada yang bisa kami bantu?",
    welcome: "Sama-sama! Kabari kami jika ada yang bisa kami bantu lagi.",
    handoffRequested: "Baik — saya hubungkan dengan rekan kami sekarang. Mereka akan segera membalas di sini.",
    handoffNegative: "Mohon maaf atas ketidaknyamanannya. Rekan kami akan segera mengambil alih percakapan ini.",
    creditsExhausted: "Terima kasih atas pesan Anda! Rekan kami akan segera membalas di sini.",
    optedOut: "Anda telah berhenti berlangganan dan tidak akan menerima pesan otomatis lagi. Balas MULAI untuk berlangganan kembali.",
    optedIn: "Anda berlangganan kembali. Ada yang bisa kami bantu?",
    error: "Terima kasih atas pesan Anda! Rekan kami akan segera membalas di sini.",
    flowDone: "Terima kasih, informasinya sudah lengkap.",
    qualifiedHandoff: "Terima kasih! Rekan kami akan segera menghubungi Anda di sini.",
    offerSlots: (list) => `Waktu yang masih tersedia:\n${list}\nBalas dengan nomor waktu yang Anda pilih.`,
    pickSlot: "Balas dengan nomor waktu yang Anda pilih.",
    booked: (when, tz) => `Jadwal Anda sudah dibuat untuk ${when} (${tz}). Sampai jumpa! Balas di sini jika perlu mengubahnya.`,
    slotTaken: (list) => `Maaf, waktu itu baru saja terisi. Yang masih tersedia:\n${list}\nBalas dengan nomor waktu yang Anda pilih.`,
    noSlots: "Maaf, belum ada waktu kosong dalam beberapa hari ke depan. Rekan kami akan membalas di sini untuk mencari waktu bersama Anda.",
  },
};
