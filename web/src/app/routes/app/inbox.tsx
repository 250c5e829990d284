import { Inbox } from "../../../features/inbox/components/inbox";
import { PageHeader } from "../../../components/layout/page-header";

export default function InboxRoute() {
  return (
    <>
      <PageHeader title="Inbox" />
      <Inbox />
    </>
  );
}
