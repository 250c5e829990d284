import { AuthLayout } from "../../../components/layout/auth-layout";
import { Button } from "../../../components/ui/button";
import { useLogout } from "../api/logout";
import { CreateTenantForm } from "./create-tenant-form";

/** Signed in, but no longer a member of any business (e.g. removed from the only one). */
export function NoTenant() {
  const logout = useLogout();
  return (
    <AuthLayout
      title="You're not part of a business yet"
      subtitle="Create your own business to get started, or ask an owner to invite you to theirs."
      footer={
        <Button variant="ghost" onClick={() => logout.mutate()} loading={logout.isPending}>
          Log out
        </Button>
      }
    >
      <CreateTenantForm />
    </AuthLayout>
  );
}
