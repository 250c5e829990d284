import { QuickRepliesPage } from "../../../features/quick-replies/components/quick-replies-page";

export default function QuickRepliesRoute() {
  return <QuickRepliesPage />;
}
