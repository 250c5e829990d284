import { initials, roleLabel } from "../../lib/format";
import { paths } from "../../lib/paths";
import { useLogout } from "../../features/auth/api/logout";
import type { Me } from "../../features/auth/api/get-me";
import { Link } from "react-router";
import { ExternalIcon, KeyIcon, LogoutIcon } from "../ui/icons";
import { Popover } from "../ui/popover";
import { Spinner } from "../ui/spinner";

export function UserMenu({ me }: { me: Me }) {
  const logout = useLogout();
  const displayName = me.user.name || me.user.email;
  return (
    <Popover
      label="Account"
      align="end"
      className="user-menu"
      trigger={(props) => (
        <button type="button" className="user-trigger" {...props}>
          <span className="avatar" aria-hidden="true">
            {initials(me.user.name, me.user.email)}
          </span>
          <span className="user-trigger-name">{displayName}</span>
          <span className="visually-hidden">Account menu</span>
        </button>
      )}
    >
      {(close) => (
        <>
          <div className="popover-profile">
            <p className="popover-profile-name">{displayName}</p>
            <p className="popover-profile-email">{me.user.email}</p>
            <p className="popover-profile-email">
              {roleLabel[me.role]} at {me.tenant.name}
            </p>
          </div>
          <div className="menu-separator" role="separator" />
          <Link className="menu-item" to={paths.account} onClick={close}>
            <KeyIcon size={16} />
            <span className="menu-item-text">Your account and password</span>
          </Link>
          <a className="menu-item" href={paths.apiReference} target="_blank" rel="noreferrer">
            <ExternalIcon size={16} />
            <span className="menu-item-text">API reference</span>
            <span className="visually-hidden">(opens in a new tab)</span>
          </a>
          <button type="button" className="menu-item" onClick={() => logout.mutate()} disabled={logout.isPending}>
            {logout.isPending ? <Spinner /> : <LogoutIcon size={16} />}
            <span className="menu-item-text">Log out</span>
          </button>
        </>
      )}
    </Popover>
  );
}
