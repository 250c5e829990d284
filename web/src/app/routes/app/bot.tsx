import { useParams } from "react-router";
import { PageHeader } from "../../../components/layout/page-header";
import { useSession } from "../../../features/auth/hooks";
import { BotStudio } from "../../../features/bot/components/bot-studio";
import { parseSection } from "../../../features/bot/sections";
import NotFound from "../not-found";

export default function BotRoute() {
  const me = useSession();
  const section = parseSection(useParams().section);
  if (!section) return <NotFound />;
  return (
    <>
      <PageHeader title="Bot studio" description="Teach your assistant what to answer, try it as a customer, and choose when it hands over to your team." />
      <BotStudio me={me} section={section} />
    </>
  );
}
