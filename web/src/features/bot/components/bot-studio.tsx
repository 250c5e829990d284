import { useEffect, useRef, type ReactNode } from "react";
import { NavLink, useSearchParams } from "react-router";
import { Card } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { Skeleton } from "../../../components/ui/skeleton";
import { ErrorState } from "../../../components/ui/states";
import { cx } from "../../../lib/cx";
import { KnowledgeCard } from "../../knowledge/components/knowledge-card";
import { useBotSettings } from "../api/get-bot-settings";
import { canEditBot } from "../permissions";
import type { Me } from "../../auth/api/get-me";
import { UpcomingBookingsCard } from "../../bookings/components/upcoming-bookings-card";
import { CalendarFeedCard } from "../../bookings/components/calendar-feed-card";
import { BOT_SECTIONS, sectionPath, type BotSectionId } from "../sections";
import { useUnsavedChanges } from "../unsaved-changes";
import { AssistantSettingsCard } from "./assistant-settings-card";
import { BookingCard } from "./booking-card";
import { BusinessHoursCard } from "./business-hours-card";
import { HandoffCard } from "./handoff-card";
import { LeadScoringCard } from "./lead-scoring-card";
import { QualificationCard } from "./qualification-card";
import { TryBotPanel } from "./try-bot-panel";
import "../bot.css";

/** Sections with their own addresses, "Try your bot" beside them (below them on phones). */
export function BotStudio({ me, section }: { me: Me; section: BotSectionId }) {
  const settings = useBotSettings();
  const canEdit = canEditBot(me.role);
  const content = useRef<HTMLDivElement>(null);
  const sections = useRef<HTMLElement>(null);
  // On a phone the section strip scrolls sideways: keep the open section's tab in view.
  useEffect(() => {
    sections.current?.querySelector(".bot-section-link-active")?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [section]);
  const unsaved = useUnsavedChanges(content, section);
  const current = BOT_SECTIONS.find((s) => s.id === section)!;

  return (
    <div className="stack-lg">
      <nav ref={sections} className="bot-sections" aria-label="Bot studio sections">
        <ul>
          {BOT_SECTIONS.map((s) => (
            <li key={s.id}>
              <NavLink to={sectionPath(s.id)} end className={({ isActive }) => cx("bot-section-link", isActive && "bot-section-link-active")}>
                {s.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="bot-grid">
        <div ref={content} className="stack-lg">
          <Section section={section} canEdit={canEdit} settings={settings} />
        </div>
        <TryBotPanel tenantId={me.tenant.id} botEnabled={settings.data?.enabled ?? true} />
      </div>
      <ConfirmDialog
        open={unsaved.blocked}
        title="Leave without saving?"
        confirmLabel="Leave without saving"
        cancelLabel="Stay and save"
        onConfirm={unsaved.leave}
        onCancel={unsaved.stay}
      >
        <p>You changed something in {current.label} and haven't saved it. If you leave now, the change is lost.</p>
      </ConfirmDialog>
    </div>
  );
}

function Section({ section, canEdit, settings }: { section: BotSectionId; canEdit: boolean; settings: ReturnType<typeof useBotSettings> }) {
  const [params, setParams] = useSearchParams();
  if (section === "knowledge") {
    return (
      <KnowledgeCard
        canEdit={canEdit}
        query={params.get("q") ?? ""}
        onQueryChange={(q) =>
          setParams(
            (p) => {
              if (q) p.set("q", q);
              else p.delete("q");
              return p;
            },
            { replace: true },
          )
        }
      />
    );
  }
  const withSettings = (render: (data: NonNullable<typeof settings.data>) => ReactNode) =>
    settings.isPending ? (
      <Card title="Assistant">
        <div className="stack" role="status" aria-label="Loading the assistant's settings">
          <Skeleton height={40} />
          <Skeleton height={40} width="60%" />
          <Skeleton height={80} />
        </div>
      </Card>
    ) : settings.isError ? (
      <Card title="Assistant">
        <ErrorState error={settings.error} what="the assistant's settings" onRetry={() => void settings.refetch()} retrying={settings.isFetching} />
      </Card>
    ) : (
      render(settings.data)
    );
  if (section === "qualification")
    return (
      <>
        <QualificationCard canEdit={canEdit} />
        {withSettings((s) => (
          <LeadScoringCard settings={s} canEdit={canEdit} />
        ))}
      </>
    );
  if (section === "persona") return withSettings((s) => <AssistantSettingsCard settings={s} canEdit={canEdit} part="persona" />);
  if (section === "advanced") return withSettings((s) => <AssistantSettingsCard settings={s} canEdit={canEdit} part="advanced" />);
  if (section === "bookings")
    return withSettings((s) => (
      <>
        <BookingCard settings={s} canEdit={canEdit} />
        <UpcomingBookingsCard />
        <CalendarFeedCard canEdit={canEdit} />
      </>
    ));
  return withSettings((s) => (
    <>
      <BusinessHoursCard settings={s} canEdit={canEdit} />
      <HandoffCard settings={s} canEdit={canEdit} />
    </>
  ));
}
