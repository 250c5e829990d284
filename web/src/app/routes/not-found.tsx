import { Link } from "react-router";
import { AuthLayout } from "../../components/layout/auth-layout";
import { paths } from "../../lib/paths";

export default function NotFoundRoute() {
  return (
    <AuthLayout title="Page not found" subtitle="The link may be old or mistyped.">
      <Link to={paths.overview} className="btn btn-primary btn-block">
        Go to Parley
      </Link>
    </AuthLayout>
  );
}
