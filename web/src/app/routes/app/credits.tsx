import { PageHeader } from "../../../components/layout/page-header";
import { CreditsOverview } from "../../../features/credits/components/credits-overview";
import { LedgerCard } from "../../../features/credits/components/ledger-card";
import "../../../features/credits/credits.css";

export default function CreditsRoute() {
  return (
    <>
      <PageHeader title="Credits" description="Each bot answer uses credits. Greetings and your team's replies are free." />
      <div className="stack-lg">
        <CreditsOverview />
        <LedgerCard />
      </div>
    </>
  );
}
