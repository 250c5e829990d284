import type { ReactNode } from "react";
import { LogoMark } from "../ui/icons";

/** The centred card used by login, signup and invitation pages. */
export function AuthLayout({ title, subtitle, children, footer }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="auth-page">
      <title>{`${title} · Parley`}</title>
      <main className="auth-main" id="main">
        <div className="auth-brand">
          <LogoMark size={32} />
          <span className="brand-name">Parley</span>
        </div>
        <div className="auth-card">
          <h1 className="auth-title">{title}</h1>
          {subtitle && <p className="auth-subtitle">{subtitle}</p>}
          {children}
        </div>
        {footer && <div className="auth-footer">{footer}</div>}
      </main>
    </div>
  );
}
