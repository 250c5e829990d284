import { useParams } from "react-router";
import { ContactDetail } from "../../../features/contacts/components/contact-detail";

export default function ContactRoute() {
  const { id = "" } = useParams();
  return <ContactDetail key={id} id={id} />;
}
