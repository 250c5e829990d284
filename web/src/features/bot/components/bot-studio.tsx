import { useSearchParams } from "react-router";
import { Card } from "../../../components/ui/card";
import { Skeleton } from "../../../components/ui/skeleton";
import { ErrorState } from "../../../components/ui/states";
import { KnowledgeCard } from "../../knowledge/components/knowledge-card";
import { useBotSettings } from "../api/get-bot-settings";
import { canEditBot } from "../permissions";
import type { Me } from "../../auth/api/get-me";
import { UpcomingBookingsCard } from "../../bookings/components/upcoming-bookings-card";
import { AssistantSettingsCard } from "./assistant-settings-card";
import { BookingCard } from "./booking-card";
import { BusinessHoursCard } from "./business-hours-card";
import { HandoffCard } from "./handoff-card";
import { LeadScoringCard } from "./lead-scoring-card";
import { QualificationCard } from "./qualification-card";
import { TryBotPanel } from "./try-bot-panel";
import "../bot.css";

/** Knowledge and Try your bot side by side (stacked on phones); settings, qualification and bookings below. */
export function BotStudio({ me }: { me: Me }) {
  const settings = useBotSettings();
  const [params, setParams] = useSearchParams();
  const canEdit = canEditBot(me.role);
  const query = params.get("q") ?? "";

  return (
    <div className="stack-lg">
      <div className="bot-grid">
        <KnowledgeCard
          canEdit={canEdit}
          query={query}
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
        <TryBotPanel tenantId={me.tenant.id} botEnabled={settings.data?.enabled ?? true} />
      </div>
      {settings.isPending ? (
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
        <>
          <AssistantSettingsCard settings={settings.data} canEdit={canEdit} />
          <QualificationCard canEdit={canEdit} />
          <BookingCard settings={settings.data} canEdit={canEdit} />
          <UpcomingBookingsCard />
          <BusinessHoursCard settings={settings.data} canEdit={canEdit} />
          <HandoffCard settings={settings.data} canEdit={canEdit} />
          <LeadScoringCard settings={settings.data} canEdit={canEdit} />
        </>
      )}
    </div>
  );
}
