import { PageHeader } from "../../../components/layout/page-header";
import { useSession } from "../../../features/auth/hooks";
import { ChangePasswordCard } from "../../../features/account/components/change-password-card";
import { DeleteAccountCard } from "../../../features/account/components/delete-account-card";

export default function AccountRoute() {
  const { user } = useSession();
  return (
    <>
      <PageHeader title="Your account" description={`Signed in as ${user.email}.`} />
      <div className="stack-lg">
        <ChangePasswordCard />
        <DeleteAccountCard />
      </div>
    </>
  );
}
