import type { ConversationFilters } from "../conversations/api/list-conversations";

export type InboxFilter = "all" | "mine" | "unassigned" | "bot" | "human" | "unread";

export const FILTERS: Array<{ id: InboxFilter; label: string }> = [
  { id: "all", label: "All" },
  { id: "mine", label: "Mine" },
  { id: "unassigned", label: "Unassigned" },
  { id: "bot", label: "Bot" },
  { id: "human", label: "Human" },
  { id: "unread", label: "Unread" },
];

export const parseFilter = (v: string | null): InboxFilter => (FILTERS.some((f) => f.id === v) ? (v as InboxFilter) : "all");

export function toQuery(filter: InboxFilter, status: string | null): ConversationFilters {
  const base: ConversationFilters = { status: status === "closed" ? "closed" : "open" };
  if (filter === "mine") return { ...base, assigned: "me" };
  if (filter === "unassigned") return { ...base, assigned: "unassigned" };
  if (filter === "bot" || filter === "human") return { ...base, mode: filter };
  if (filter === "unread") return { ...base, unread: "true" };
  return base;
}
