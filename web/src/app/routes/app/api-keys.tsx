import { useState } from "react";
import { PageHeader } from "../../../components/layout/page-header";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { PlusIcon } from "../../../components/ui/icons";
import { EmptyState } from "../../../components/ui/states";
import { ApiKeysCard } from "../../../features/api-keys/components/api-keys-card";
import { CreateApiKeyDialog } from "../../../features/api-keys/components/create-api-key-dialog";
import { useSession } from "../../../features/auth/hooks";
import { canManageApiKeys } from "../../../lib/authorization";

export default function ApiKeysRoute() {
  const { role, tenant } = useSession();
  const [creating, setCreating] = useState(false);

  if (!canManageApiKeys(role)) {
    return (
      <>
        <PageHeader title="API keys" />
        <Card>
          <EmptyState title="Only owners and admins can manage API keys">
            Ask an owner of {tenant.name} if you need a key for a tool you use.
          </EmptyState>
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let your own software use Parley's API on behalf of this business. Treat them like passwords."
        actions={
          <Button variant="primary" icon={<PlusIcon />} onClick={() => setCreating(true)}>
            Create API key
          </Button>
        }
      />
      <ApiKeysCard onCreate={() => setCreating(true)} />
      <CreateApiKeyDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
