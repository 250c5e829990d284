// Reading a customer's message as the answer to one qualification step.
// Deliberately strict: a message that is not clearly an answer returns null
// and is treated as a question for the knowledge base instead.
import { terms } from "../ai/text";
import type { FlowStep } from "./definition";

export interface ParsedAnswer {
  /** Normalized: the option label, the number, the email, YYYY-MM(-DD), or the text. */
  value: string;
  points: number;
}

const fold = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[–—]/g, "-")
    .replace(/[^\p{L}\p{N}\s.,:@+$-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();

const QUESTION_START =
  /^(what|whats|how|where|when|why|which|who|is|are|do|does|did|can|could|would|will|should|may|berapa|apa|apakah|bagaimana|gimana|dimana|di mana|kapan|kenapa|mengapa|siapa|bisakah|bolehkah|adakah)\b/;

/** A question to the business, not an answer to ours. */
export function isQuestion(text: string): boolean {
  const t = text.trim();
  return t.endsWith("?") || QUESTION_START.test(fold(t));
}

const words = (s: string) => fold(s).split(" ").filter(Boolean);

/** "2", "2.", "no 2", "nomor 2", "option 2", "pilih 2" → 2. */
export function pickedNumber(text: string): number | null {
  const m = /^(?:no\.?|nomor|number|option|opsi|pilih|pilihan|#)?\s*(\d{1,2})[.)]?$/.exec(fold(text));
  return m ? Number(m[1]) : null;
}

const containsPhrase = (haystack: string, phrase: string) => {
  const p = fold(phrase);
  if (!p) return false;
  return new RegExp(`(^|[^\\p{L}\\p{N}])${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}\\p{N}])`, "u").test(haystack);
};

function parseChoice(step: FlowStep, text: string): ParsedAnswer | null {
  const options = step.options ?? [];
  const n = pickedNumber(text);
  if (n !== null) {
    const o = options[n - 1];
    return o ? { value: o.label, points: o.points } : null;
  }
  if (isQuestion(text)) return null;
  const t = fold(text);
  // Each option's longest matching label or alias. Two options matching is ambiguous ("buy or rent"),
  // unless one match is part of the other ("3-6 months" also contains "6 months").
  const matches: { option: (typeof options)[number]; phrase: string }[] = [];
  for (const o of options) {
    const phrase = [o.label, ...o.aliases]
      .map(fold)
      .filter((ph) => containsPhrase(t, ph))
      .sort((a, b) => b.length - a.length)[0];
    if (phrase) matches.push({ option: o, phrase });
  }
  matches.sort((a, b) => b.phrase.length - a.phrase.length);
  const best = matches[0];
  if (!best || matches.slice(1).some((m) => !best.phrase.includes(m.phrase))) return null;
  return { value: best.option.label, points: best.option.points };
}

const MULTIPLIERS: [RegExp, number][] = [
  [/^(t|tn|triliun|trillion|trilyun)$/, 1e12],
  [/^(b|bn|bil|billion|miliar|milyar|m(i|y)lyar|em)$/, 1e9],
  [/^(m|mn|mil|mio|million|millions|jt|juta)$/, 1e6],
  [/^(k|rb|ribu|thousand|ratus ribu)$/, 1e3],
];
const CURRENCY = /(rp\.?|idr|usd|aud|sgd|gbp|eur|cad|\$|£|€)/;

/** "750 juta" → 750000000, "1.5 miliar" → 1500000000, "$300k" → 300000, "IDR 900.000.000" → 900000000. */
export function parseAmount(text: string): number | null {
  const t = fold(text).replace(/(\d)\s+(?=\d{3}\b)/g, "$1");
  const re = /(\d+(?:[.,]\d+)*)\s*([a-z]+)?/g;
  const found: { n: number; mult: number | null }[] = [];
  const rupiah = /(^|[^a-z])(rp|idr|rupiah)|juta|miliar|milyar/.test(t);
  for (const m of t.matchAll(re)) {
    const raw = m[1]!;
    const groups = raw.split(/[.,]/);
    let n: number;
    if (groups.length > 1 && groups.slice(1).every((g) => g.length === 3)) n = Number(groups.join(""));
    else if (groups.length === 2) n = Number(`${groups[0]}.${groups[1]}`);
    else n = Number(groups.join(""));
    if (!Number.isFinite(n)) continue;
    const suffix = m[2] ?? "";
    // In rupiah, "1,5 M" means miliar.
    const mult = suffix === "m" && rupiah ? 1e9 : (MULTIPLIERS.find(([r]) => r.test(suffix))?.[1] ?? null);
    found.push({ n, mult });
  }
  if (!found.length) return null;
  // "500-700 juta": the first number borrows the last one's multiplier.
  const first = found[0]!;
  const mult = first.mult ?? found.find((f) => f.mult !== null)?.mult ?? 1;
  const value = first.n * mult;
  return Number.isFinite(value) && value >= 0 ? Math.round(value * 100) / 100 : null;
}

function parseNumber(step: FlowStep, text: string): ParsedAnswer | null {
  if (isQuestion(text)) return null;
  const t = fold(text);
  // A number inside a long sentence is only an answer when it is clearly an amount.
  const amountLike = CURRENCY.test(t) || /\d\s*(k|rb|ribu|jt|juta|m|mn|mio|million|b|bn|miliar|milyar|billion|t|triliun)\b/.test(t);
  if (words(text).length > 6 && !amountLike) return null;
  const n = parseAmount(text);
  if (n === null) return null;
  const range = (step.ranges ?? []).find((r) => (r.min === undefined || n >= r.min) && (r.max === undefined || n < r.max));
  return { value: String(n), points: range?.points ?? 0 };
}

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/i;

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, januari: 1,
  feb: 2, february: 2, februari: 2, pebruari: 2,
  mar: 3, march: 3, maret: 3,
  apr: 4, april: 4,
  may: 5, mei: 5,
  jun: 6, june: 6, juni: 6,
  jul: 7, july: 7, juli: 7,
  aug: 8, august: 8, agu: 8, agt: 8, agustus: 8,
  sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, okt: 10, oktober: 10,
  nov: 11, november: 11, nop: 11, nopember: 11,
  dec: 12, december: 12, des: 12, desember: 12,
};
const pad = (n: number) => String(n).padStart(2, "0");

/** "September 2027", "sept", "2027-02-15", "15/02/2027", "next month", "tahun depan" → YYYY-MM or YYYY-MM-DD. */
export function parseDate(text: string, now: number): string | null {
  const t = fold(text);
  const today = new Date(now);
  const y0 = today.getUTCFullYear();
  const m0 = today.getUTCMonth() + 1;
  let m = /\b(20\d\d)-(\d{1,2})(?:-(\d{1,2}))?\b/.exec(t);
  if (m) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    return m[3] ? `${m[1]}-${pad(month)}-${pad(Number(m[3]))}` : `${m[1]}-${pad(month)}`;
  }
  m = /\b(\d{1,2})[/.](\d{1,2})[/.](20\d\d)\b/.exec(t);
  if (m) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    return `${m[3]}-${pad(month)}-${pad(day)}`;
  }
  if (/\b(next month|bulan depan)\b/.test(t)) return m0 === 12 ? `${y0 + 1}-01` : `${y0}-${pad(m0 + 1)}`;
  if (/\b(this month|bulan ini)\b/.test(t)) return `${y0}-${pad(m0)}`;
  if (/\b(next year|tahun depan)\b/.test(t)) return `${y0 + 1}-01`;
  const year = /\b(20\d\d)\b/.exec(t)?.[1];
  for (const w of t.split(" ")) {
    const month = MONTHS[w.replace(/[.,]/g, "")];
    if (!month) continue;
    const y = year ? Number(year) : month >= m0 ? y0 : y0 + 1;
    return `${y}-${pad(month)}`;
  }
  if (year) return `${year}-01`;
  return null;
}

/** The step's answer in `text`, or null when the message is not one. */
export function parseAnswer(step: FlowStep, text: string, now: number): ParsedAnswer | null {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > 500) return null;
  switch (step.type) {
    case "choice":
      return parseChoice(step, trimmed);
    case "number":
      return parseNumber(step, trimmed);
    case "email": {
      const m = EMAIL.exec(trimmed);
      return m ? { value: m[0].toLowerCase(), points: step.points ?? 0 } : null;
    }
    case "date": {
      if (isQuestion(trimmed)) return null;
      const d = parseDate(trimmed, now);
      return d ? { value: d, points: step.points ?? 0 } : null;
    }
    case "text":
      // Any statement with content: a greeting or a question is not an answer.
      if (isQuestion(trimmed) || !terms(trimmed).length) return null;
      return { value: trimmed.slice(0, 300), points: step.points ?? 0 };
  }
}
