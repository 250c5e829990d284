import { useEffect, useState, type ReactNode } from "react";
import { Link, useLocation } from "react-router";
import { paths } from "../../lib/paths";
import type { Me } from "../../features/auth/api/get-me";
import { ChannelAlertBanner } from "../../features/channels/components/channel-alert-banner";
import { LowCreditBanner } from "../../features/credits/components/low-credit-banner";
import { Dialog } from "../ui/dialog";
import { LogoMark, MenuIcon } from "../ui/icons";
import { MainNav } from "./main-nav";
import { TenantSwitcher } from "./tenant-switcher";
import { UserMenu } from "./user-menu";

function Brand() {
  return (
    <Link to={paths.overview} className="brand" aria-label="Parley, go to overview">
      <LogoMark />
      <span className="brand-name">Parley</span>
    </Link>
  );
}

/** The signed-in frame: sidebar on wide screens, a menu button on phones. */
export function AppShell({ me, children }: { me: Me; children: ReactNode }) {
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  useEffect(() => setMenuOpen(false), [location.pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar" aria-label="Sidebar">
        <div className="sidebar-inner">
          <Brand />
          <TenantSwitcher me={me} />
          <MainNav role={me.role} />
        </div>
      </aside>
      <div className="shell-main">
        <header className="topbar">
          <button type="button" className="icon-btn menu-button" onClick={() => setMenuOpen(true)} aria-expanded={menuOpen} aria-label="Open menu">
            <MenuIcon size={22} />
          </button>
          <div className="topbar-brand">
            <Brand />
          </div>
          <div className="topbar-spacer" />
          <UserMenu me={me} />
        </header>
        <main id="main" className="main" tabIndex={-1}>
          <ChannelAlertBanner />
          <LowCreditBanner />
          {children}
        </main>
      </div>
      <Dialog open={menuOpen} onClose={() => setMenuOpen(false)} title="Menu" variant="drawer">
        <div className="drawer-content">
          <TenantSwitcher me={me} />
          <MainNav role={me.role} onNavigate={() => setMenuOpen(false)} />
        </div>
      </Dialog>
    </div>
  );
}
