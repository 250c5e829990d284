import { PageHeader } from "../../../components/layout/page-header";
import { useSession } from "../../../features/auth/hooks";
import { BotStudio } from "../../../features/bot/components/bot-studio";

export default function BotRoute() {
  const me = useSession();
  return (
    <>
      <PageHeader title="Bot studio" description="Teach your assistant what to answer, try it as a customer, and choose when it hands over to your team." />
      <BotStudio me={me} />
    </>
  );
}
