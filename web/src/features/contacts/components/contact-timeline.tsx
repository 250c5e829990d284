import { Link } from "react-router";
import { Button } from "../../../components/ui/button";
import { Skeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { formatRelative } from "../../../lib/format";
import { useContactTimeline, type TimelineItem } from "../api/list-contact-timeline";

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const AUTHOR = { customer: "Customer wrote", bot: "Bot replied", agent: "Your team replied", campaign: "Campaign message" } as const;

/** What happened, in words: the label never depends on colour. */
function describe(i: TimelineItem): { title: string; text: string | null } {
  switch (i.kind) {
    case "message":
      return { title: AUTHOR[i.author] ?? "Message", text: i.text ?? `(${i.type})` };
    case "note":
      return { title: "Internal note", text: i.text };
    case "answer":
      return { title: `Answered “${i.label}”`, text: `${i.answer} · ${i.points} point${i.points === 1 ? "" : "s"}` };
    case "booking":
      return {
        title: i.event === "booked" ? (i.source === "bot" ? "Booked a slot with the bot" : "Your team booked a slot") : "Booking cancelled",
        text: when.format(new Date(i.start)),
      };
  }
}

/** Everything that happened with this contact, newest first. */
export function ContactTimeline({ contactId }: { contactId: string }) {
  const timeline = useContactTimeline(contactId);
  if (timeline.isPending)
    return (
      <div className="stack" role="status" aria-label="Loading the timeline">
        <Skeleton height={36} />
        <Skeleton height={36} width="80%" />
        <Skeleton height={36} width="60%" />
      </div>
    );
  if (timeline.isError) return <ErrorState error={timeline.error} what="the timeline" onRetry={() => void timeline.refetch()} retrying={timeline.isFetching} />;
  const items = timeline.data.pages.flatMap((p) => p.data);
  if (items.length === 0) return <EmptyState title="Nothing yet">Messages, notes, answers to the bot's questions and bookings show here as they happen.</EmptyState>;
  return (
    <>
      <ol className="timeline" aria-label="Timeline">
        {items.map((i) => {
          const d = describe(i);
          return (
            <li key={i.id} className={`timeline-item timeline-${i.kind}`}>
              <p className="timeline-head">
                <strong>{d.title}</strong>{" "}
                <time dateTime={i.at} title={when.format(new Date(i.at))} className="muted small">
                  {formatRelative(i.at)}
                </time>
                {i.conversationId && i.kind !== "booking" && i.kind !== "answer" && (
                  <>
                    {" · "}
                    <Link className="small" to={`/inbox?c=${encodeURIComponent(i.conversationId)}`}>
                      Open conversation
                    </Link>
                  </>
                )}
              </p>
              {d.text && <p className="timeline-text">{d.text}</p>}
            </li>
          );
        })}
      </ol>
      {timeline.hasNextPage && (
        <div className="form-actions">
          <Button size="sm" onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
            Show older
          </Button>
        </div>
      )}
    </>
  );
}
