import { Link, useLocation } from "react-router";
import { AlertIcon } from "../../../components/ui/icons";
import { paths } from "../../../lib/paths";
import { useCredits } from "../api/get-credits";
import "../banner.css";

const CREDITS_PATH = paths.credits;

/** Across the app: a warning at 20% of the monthly credits or less, a stronger one at 0. */
export function LowCreditBanner() {
  const { data } = useCredits();
  const { pathname } = useLocation();
  if (!data || data.monthlyCredits <= 0) return null;
  const empty = data.balance <= 0;
  if (!empty && data.balance > data.monthlyCredits * 0.2) return null;
  return (
    <div className={empty ? "credit-banner credit-banner-empty" : "credit-banner"} role={empty ? "alert" : "status"}>
      <AlertIcon size={18} />
      <p>
        {empty ? (
          <>
            <strong>You're out of credits.</strong> The assistant has stopped answering; conversations go to your team.
          </>
        ) : (
          <>
            <strong>Credits are running low:</strong> {data.balance.toLocaleString()} of {data.monthlyCredits.toLocaleString()} left this month.
          </>
        )}{" "}
        {pathname !== CREDITS_PATH && <Link to={CREDITS_PATH}>See credits</Link>}
      </p>
    </div>
  );
}
