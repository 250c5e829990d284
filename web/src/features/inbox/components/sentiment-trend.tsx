import { Badge } from "../../../components/ui/badge";
import type { Message } from "../../conversations/api/types";

const RECENT = 8;

/**
 * The customer's mood in this conversation: the sentiment of their latest
 * messages, and whether it is getting better or worse (the last three against
 * the ones before). Nothing while no customer message has a sentiment.
 */
export function SentimentTrend({ messages }: { messages: Message[] }) {
  const scored = messages
    .filter((m) => m.direction === "inbound" && m.sentiment)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .slice(-RECENT);
  if (!scored.length) return null;
  const avg = (ms: Message[]) => ms.reduce((n, m) => n + m.sentiment!.score, 0) / ms.length;
  const latest = scored.slice(-3);
  const before = scored.slice(0, -3);
  const now = avg(latest);
  const mood = now >= 0.25 ? "positive" : now <= -0.25 ? "negative" : "neutral";
  const delta = before.length ? now - avg(before) : 0;
  const trend = delta >= 0.2 ? "improving" : delta <= -0.2 ? "getting worse" : "steady";
  const tone = mood === "positive" ? "success" : mood === "negative" ? "danger" : "neutral";
  const arrow = trend === "improving" ? "↗" : trend === "getting worse" ? "↘" : "→";
  return (
    <span title={`Sentiment of the customer's last ${scored.length} message${scored.length === 1 ? "" : "s"}: ${scored.map((m) => m.sentiment!.label).join(", ")}`}>
      <Badge tone={tone}>
        <span aria-hidden="true">{arrow} </span>
        Mood {mood}, {trend}
      </Badge>
    </span>
  );
}
