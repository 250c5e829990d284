import { useState } from "react";
import { Link } from "react-router";
import { PageHeader } from "../../../components/layout/page-header";
import { Button } from "../../../components/ui/button";
import { PlusIcon } from "../../../components/ui/icons";
import { useSession } from "../../../features/auth/hooks";
import { CustomFieldsManager } from "../../../features/contacts/components/custom-fields-manager";
import { canManageCustomFields } from "../../../features/contacts/permissions";
import { paths } from "../../../lib/paths";

export default function ContactFieldsRoute() {
  const { role } = useSession();
  const manage = canManageCustomFields(role);
  const [adding, setAdding] = useState(false);
  return (
    <>
      <p className="breadcrumb">
        <Link to={paths.contacts}>← Contacts</Link>
      </p>
      <PageHeader
        title="Contact fields"
        description={
          manage
            ? "Extra details you keep on every contact, like budget or preferred area. Your team fills them in on each contact."
            : "Extra details kept on every contact. Owners and admins add and change fields; you can fill them in on each contact."
        }
        actions={
          manage ? (
            <Button variant="primary" icon={<PlusIcon />} onClick={() => setAdding(true)}>
              Add field
            </Button>
          ) : undefined
        }
      />
      <CustomFieldsManager manage={manage} adding={adding} onAddingChange={setAdding} />
    </>
  );
}
