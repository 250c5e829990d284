import { PageHeader } from "../../../components/layout/page-header";
import { ButtonLink } from "../../../components/ui/button";
import { ContactsTable } from "../../../features/contacts/components/contacts-table";
import { paths } from "../../../lib/paths";

export default function ContactsRoute() {
  return (
    <>
      <PageHeader
        title="Contacts"
        description="Everyone who has messaged you, plus the lists you import."
        actions={<ButtonLink to={paths.contactFields}>Manage fields</ButtonLink>}
      />
      <ContactsTable />
    </>
  );
}
