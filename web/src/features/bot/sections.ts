// Bot studio's sections, each with its own address: /bot is Knowledge, the rest /bot/<id>.
export const BOT_SECTIONS = [
  { id: "persona", label: "Persona" },
  { id: "knowledge", label: "Knowledge" },
  { id: "qualification", label: "Qualification" },
  { id: "bookings", label: "Bookings" },
  { id: "hours", label: "Hours and handoff" },
  { id: "advanced", label: "Advanced" },
] as const;

export type BotSectionId = (typeof BOT_SECTIONS)[number]["id"];

export const DEFAULT_SECTION: BotSectionId = "knowledge";

export const sectionPath = (id: BotSectionId) => (id === DEFAULT_SECTION ? "/bot" : `/bot/${id}`);

export const parseSection = (value: string | undefined): BotSectionId | null =>
  value === undefined ? DEFAULT_SECTION : (BOT_SECTIONS.find((s) => s.id === value)?.id ?? null);
