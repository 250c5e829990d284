// The qualification flow a tenant writes: validated with zod, stored as one
// JSON row per tenant, with presets for the businesses Parley serves first.
import { z } from "zod";

export const STEP_TYPES = ["choice", "number", "text", "email", "date"] as const;
export type StepType = (typeof STEP_TYPES)[number];
export const FLOW_PRESETS = ["real_estate", "education", "services", "custom"] as const;

const points = z.number().int().min(0).max(100);

const option = z.object({
  label: z.string().trim().min(1).max(80),
  points,
  aliases: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
});
const range = z
  .object({ min: z.number().finite().optional(), max: z.number().finite().optional(), points })
  .refine((r) => r.min === undefined || r.max === undefined || r.min < r.max, { message: "min must be below max", path: ["max"] });

export const flowStepSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: "must start with a letter and use only a–z, 0–9 and _ (at most 40)" }),
    label: z.string().trim().min(1).max(60),
    question: z.string().trim().min(1).max(500),
    type: z.enum(STEP_TYPES),
    options: z.array(option).max(10).optional(),
    ranges: z.array(range).max(10).optional(),
    points: points.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.type === "choice" && (!s.options || s.options.length < 2)) ctx.addIssue({ code: "custom", path: ["options"], message: "a choice needs 2 to 10 options" });
    if (s.type !== "choice" && s.options?.length) ctx.addIssue({ code: "custom", path: ["options"], message: "only a choice step has options" });
    if (s.type !== "number" && s.ranges?.length) ctx.addIssue({ code: "custom", path: ["ranges"], message: "only a number step has ranges" });
    if (s.options) {
      const seen = new Set<string>();
      s.options.forEach((o, i) => {
        const k = o.label.toLowerCase();
        if (seen.has(k)) ctx.addIssue({ code: "custom", path: ["options", i, "label"], message: "is used by another option" });
        seen.add(k);
      });
    }
  });
export type FlowStep = z.infer<typeof flowStepSchema>;

export const flowInputSchema = z
  .object({
    enabled: z.boolean(),
    preset: z.enum(FLOW_PRESETS).default("custom"),
    qualifiedScore: z.number().int().min(1).max(100).default(60),
    handoffWhenQualified: z.boolean().default(false),
    completionMessage: z.string().trim().max(1000).default(""),
    steps: z.array(flowStepSchema).max(10),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.steps.forEach((s, i) => {
      if (seen.has(s.key)) ctx.addIssue({ code: "custom", path: ["steps", i, "key"], message: "is used by another step" });
      seen.add(s.key);
    });
    if (f.enabled && f.steps.length === 0) ctx.addIssue({ code: "custom", path: ["steps"], message: "add at least one question before turning the flow on" });
  });
export type FlowInput = z.infer<typeof flowInputSchema>;

export const EMPTY_FLOW: FlowInput = { enabled: false, preset: "custom", qualifiedScore: 60, handoffWhenQualified: false, completionMessage: "", steps: [] };

/** Most points one step can give: what the breakdown shows each answer out of. */
export function maxPoints(step: FlowStep): number {
  if (step.type === "choice") return Math.max(0, ...(step.options ?? []).map((o) => o.points));
  if (step.type === "number") return Math.max(0, ...(step.ranges ?? []).map((r) => r.points));
  return step.points ?? 0;
}

export interface FlowPreset {
  id: Exclude<(typeof FLOW_PRESETS)[number], "custom">;
  name: string;
  description: string;
  flow: FlowInput;
}

export const PRESETS: FlowPreset[] = [
  {
    id: "real_estate",
    name: "Real estate",
    description: "Buy or rent, property type, area, budget and timeline. Serious buyers with a budget and a near move date score highest.",
    flow: {
      enabled: true,
      preset: "real_estate",
      qualifiedScore: 60,
      handoffWhenQualified: false,
      completionMessage: "Thank you! That helps us find the right places for you.",
      steps: [
        {
          key: "intent",
          label: "Buy or rent",
          question: "Are you looking to buy or to rent?",
          type: "choice",
          options: [
            { label: "Buy", points: 20, aliases: ["beli", "purchase", "buying"] },
            { label: "Rent", points: 10, aliases: ["sewa", "rental", "renting", "lease"] },
          ],
        },
        {
          key: "property_type",
          label: "Property type",
          question: "What kind of property: house, apartment or land?",
          type: "choice",
          options: [
            { label: "House", points: 10, aliases: ["rumah", "home", "villa"] },
            { label: "Apartment", points: 10, aliases: ["apartemen", "apt", "condo", "flat"] },
            { label: "Land", points: 5, aliases: ["tanah", "plot", "kavling"] },
          ],
        },
        { key: "area", label: "Area", question: "Which area or neighbourhood would you like?", type: "text", points: 10 },
        {
          key: "budget",
          label: "Budget",
          question: "What is your budget (for example 750 juta or 1.5 miliar)?",
          type: "number",
          ranges: [
            { max: 500_000_000, points: 10 },
            { min: 500_000_000, max: 1_500_000_000, points: 25 },
            { min: 1_500_000_000, points: 35 },
          ],
        },
        {
          key: "timeline",
          label: "Timeline",
          question: "When are you planning to move: within 3 months, 3–6 months, or later?",
          type: "choice",
          options: [
            { label: "Within 3 months", points: 25, aliases: ["soon", "asap", "segera", "1 month", "2 months", "3 months", "bulan ini", "this month"] },
            { label: "3–6 months", points: 15, aliases: ["3-6 months", "4 months", "5 months", "6 months", "half a year"] },
            { label: "Later", points: 5, aliases: ["next year", "not sure", "belum tahu", "tahun depan", "just looking"] },
          ],
        },
      ],
    },
  },
  {
    id: "education",
    name: "Education agency",
    description: "Study destination, level, intake, budget and English test. Students with a near intake and a test score score highest.",
    flow: {
      enabled: true,
      preset: "education",
      qualifiedScore: 60,
      handoffWhenQualified: false,
      completionMessage: "Thank you! A counsellor can now suggest the right programmes for you.",
      steps: [
        {
          key: "destination",
          label: "Destination",
          question: "Which country would you like to study in: Australia, UK, Canada, USA or another?",
          type: "choice",
          options: [
            { label: "Australia", points: 10, aliases: ["aus", "australi"] },
            { label: "UK", points: 10, aliases: ["united kingdom", "england", "inggris", "britain"] },
            { label: "Canada", points: 10, aliases: ["kanada"] },
            { label: "USA", points: 10, aliases: ["us", "america", "amerika", "united states"] },
            { label: "Other", points: 5, aliases: ["lainnya", "another", "belum tahu", "not sure"] },
          ],
        },
        {
          key: "level",
          label: "Study level",
          question: "What level: bachelor, master, diploma or English course?",
          type: "choice",
          options: [
            { label: "Bachelor", points: 15, aliases: ["s1", "undergraduate", "sarjana", "degree"] },
            { label: "Master", points: 20, aliases: ["s2", "postgraduate", "magister", "mba"] },
            { label: "Diploma", points: 10, aliases: ["d3", "vocational"] },
            { label: "English course", points: 5, aliases: ["english", "language course", "kursus bahasa"] },
          ],
        },
        { key: "intake", label: "Intake", question: "When would you like to start (month and year)?", type: "date", points: 20 },
        {
          key: "budget",
          label: "Yearly budget",
          question: "What is your yearly budget for tuition and living costs?",
          type: "number",
          ranges: [
            { max: 300_000_000, points: 5 },
            { min: 300_000_000, max: 600_000_000, points: 20 },
            { min: 600_000_000, points: 30 },
          ],
        },
        {
          key: "english_test",
          label: "English test",
          question: "Have you taken IELTS or TOEFL yet?",
          type: "choice",
          options: [
            { label: "Yes", points: 20, aliases: ["sudah", "done", "already", "ielts", "toefl"] },
            { label: "Not yet", points: 5, aliases: ["belum", "no", "tidak", "planning"] },
          ],
        },
      ],
    },
  },
  {
    id: "services",
    name: "Service business",
    description: "Which service, when it is needed and an email for the quote. Urgent requests with contact details score highest.",
    flow: {
      enabled: true,
      preset: "services",
      qualifiedScore: 50,
      handoffWhenQualified: false,
      completionMessage: "Thank you! We have what we need to prepare your quote.",
      steps: [
        { key: "service", label: "Service", question: "Which service do you need?", type: "text", points: 20 },
        {
          key: "urgency",
          label: "When",
          question: "When do you need it: this week, this month, or later?",
          type: "choice",
          options: [
            { label: "This week", points: 40, aliases: ["today", "tomorrow", "asap", "urgent", "hari ini", "besok", "minggu ini", "segera"] },
            { label: "This month", points: 25, aliases: ["bulan ini", "next week", "minggu depan"] },
            { label: "Later", points: 5, aliases: ["nanti", "not sure", "belum tahu", "next month"] },
          ],
        },
        { key: "email", label: "Email", question: "What email should we send the quote to?", type: "email", points: 20 },
      ],
    },
  },
];

type PresetText = {
  completionMessage: string;
  steps: Record<string, { label: string; question: string; options?: Record<string, string> }>;
};

/** The presets in Indonesian: questions, labels and option names; the English names stay as aliases. */
const PRESETS_ID: Record<FlowPreset["id"], PresetText> = {
  real_estate: {
    completionMessage: "Terima kasih! Informasi ini membantu kami mencarikan properti yang tepat untuk Anda.",
    steps: {
      intent: { label: "Beli atau sewa", question: "Anda ingin membeli atau menyewa?", options: { Buy: "Beli", Rent: "Sewa" } },
      property_type: { label: "Jenis properti", question: "Jenis properti apa: rumah, apartemen, atau tanah?", options: { House: "Rumah", Apartment: "Apartemen", Land: "Tanah" } },
      area: { label: "Lokasi", question: "Di daerah mana yang Anda inginkan?" },
      budget: { label: "Anggaran", question: "Berapa anggaran Anda (misalnya 750 juta atau 1,5 miliar)?" },
      timeline: {
        label: "Waktu pindah",
        question: "Kapan Anda berencana pindah: dalam 3 bulan, 3–6 bulan, atau nanti?",
        options: { "Within 3 months": "Dalam 3 bulan", "3–6 months": "3–6 bulan", Later: "Nanti" },
      },
    },
  },
  education: {
    completionMessage: "Terima kasih! Konselor kami sekarang bisa menyarankan program yang tepat untuk Anda.",
    steps: {
      destination: { label: "Negara tujuan", question: "Anda ingin kuliah di negara mana: Australia, Inggris, Kanada, Amerika, atau lainnya?", options: { UK: "Inggris", Canada: "Kanada", USA: "Amerika", Other: "Lainnya" } },
      level: { label: "Jenjang", question: "Jenjang apa: S1, S2, diploma, atau kursus bahasa Inggris?", options: { Bachelor: "S1", Master: "S2", "English course": "Kursus bahasa Inggris" } },
      intake: { label: "Mulai kuliah", question: "Kapan Anda ingin mulai (bulan dan tahun)?" },
      budget: { label: "Anggaran per tahun", question: "Berapa anggaran per tahun untuk biaya kuliah dan hidup?" },
      english_test: { label: "Tes bahasa Inggris", question: "Apakah Anda sudah mengambil IELTS atau TOEFL?", options: { Yes: "Sudah", "Not yet": "Belum" } },
    },
  },
  services: {
    completionMessage: "Terima kasih! Kami sudah punya yang kami perlukan untuk menyiapkan penawaran Anda.",
    steps: {
      service: { label: "Layanan", question: "Layanan apa yang Anda butuhkan?" },
      urgency: { label: "Kapan", question: "Kapan Anda membutuhkannya: minggu ini, bulan ini, atau nanti?", options: { "This week": "Minggu ini", "This month": "Bulan ini", Later: "Nanti" } },
      email: { label: "Email", question: "Ke email mana penawaran kami kirim?" },
    },
  },
};

/** The presets in the tenant's language (English or Indonesian). */
export function presetsFor(language: "en" | "id"): FlowPreset[] {
  if (language === "en") return PRESETS;
  return PRESETS.map((p) => {
    const t = PRESETS_ID[p.id];
    return {
      ...p,
      flow: {
        ...p.flow,
        completionMessage: t.completionMessage,
        steps: p.flow.steps.map((s) => {
          const st = t.steps[s.key]!;
          return {
            ...s,
            label: st.label,
            question: st.question,
            options: s.options?.map((o) => {
              const label = st.options?.[o.label];
              return label && label !== o.label ? { ...o, label, aliases: [...new Set([o.label, ...o.aliases])].filter((a) => a.toLowerCase() !== label.toLowerCase()) } : o;
            }),
          };
        }),
      },
    };
  });
}
