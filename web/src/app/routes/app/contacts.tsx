import { PageHeader } from "../../../components/layout/page-header";
import { ContactsTable } from "../../../features/contacts/components/contacts-table";

export default function ContactsRoute() {
  return (
    <>
      <PageHeader title="Contacts" description="Everyone who has messaged you, plus the lists you import." />
      <ContactsTable />
    </>
  );
}
