import { NavLink } from "react-router";
import type { Role } from "../../types/api";
import { navItemsFor } from "./nav-items";

export function MainNav({ role, onNavigate }: { role: Role; onNavigate?: () => void }) {
  return (
    <nav aria-label="Main" className="main-nav">
      <ul>
        {navItemsFor(role).map(({ to, label, icon: Icon, end }) => (
          <li key={to}>
            <NavLink to={to} end={end} className="nav-link" onClick={onNavigate}>
              <Icon size={18} />
              <span>{label}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
