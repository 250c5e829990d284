import { useState } from "react";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { CopyField } from "../../../components/ui/copy-field";
import { TableSkeleton } from "../../../components/ui/skeleton";
import { ErrorState } from "../../../components/ui/states";
import { notifyRefusal } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useCalendarFeed, useRotateCalendarFeed } from "../api/calendar-feed";

const since = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * The bookings calendar feed: a secret link Google Calendar or Outlook
 * subscribes to. The link is shown once, when it is made; making a new one
 * (owners and admins, after a confirmation) turns the old one off.
 */
export function CalendarFeedCard({ canEdit }: { canEdit: boolean }) {
  const feed = useCalendarFeed();
  const rotate = useRotateCalendarFeed();
  const [url, setUrl] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  function make() {
    rotate.mutate(undefined, {
      onSuccess: (f) => {
        setUrl(f.url ?? null);
        setConfirming(false);
        toast({ tone: "success", title: "New calendar link made", description: "Copy it now: it is shown only once." });
      },
      onError: (e) => notifyRefusal("Couldn't make the calendar link", e),
    });
  }

  return (
    <Card
      title="Calendar feed"
      description="See every booking in Google Calendar or Outlook. The link works without a login, so share it only with people who may see your bookings."
    >
      {feed.isPending ? (
        <TableSkeleton rows={1} columns={2} label="Loading the calendar feed" />
      ) : feed.isError ? (
        <ErrorState error={feed.error} what="the calendar feed" onRetry={() => void feed.refetch()} retrying={feed.isFetching} />
      ) : (
        <div className="stack">
          {url ? (
            <CopyField
              label="Calendar link"
              value={url}
              hint="Shown only now: copy it. Google Calendar: Other calendars → From URL. Outlook: Add calendar → Subscribe from web."
            />
          ) : feed.data.active ? (
            <p className="muted small">
              A link is in use since {since(feed.data.createdAt!)}. For your safety it is shown only when it is made{canEdit ? ": make a new one to see it again." : "."}
            </p>
          ) : (
            <p className="muted small">No calendar link yet.{canEdit ? "" : " An owner or admin can make one."}</p>
          )}
          {canEdit && (
            <div>
              <Button
                variant={feed.data.active ? "secondary" : "primary"}
                loading={rotate.isPending && !confirming}
                onClick={() => (feed.data.active ? setConfirming(true) : make())}
              >
                {feed.data.active ? "Make a new link" : "Make a calendar link"}
              </Button>
            </div>
          )}
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title="Make a new calendar link?"
        confirmLabel="Make a new link"
        cancelLabel="Keep the current link"
        onConfirm={make}
        onCancel={() => {
          setConfirming(false);
          rotate.reset();
        }}
        pending={rotate.isPending}
        error={rotate.error}
      >
        The current link stops working at once: calendars subscribed to it stop updating until they are given the new one.
      </ConfirmDialog>
    </Card>
  );
}
