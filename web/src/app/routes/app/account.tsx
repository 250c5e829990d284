import { PageHeader } from "../../../components/layout/page-header";
import { useSession } from "../../../features/auth/hooks";
import { ChangePasswordCard } from "../../../features/account/components/change-password-card";

export default function AccountRoute() {
  const { user } = useSession();
  return (
    <>
      <PageHeader title="Your account" description={`Signed in as ${user.email}.`} />
      <ChangePasswordCard />
    </>
  );
}
