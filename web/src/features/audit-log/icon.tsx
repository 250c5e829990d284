// The nav icon for the audit log, drawn like components/ui/icons (decorative, inline).
export const AuditIcon = ({ size = 18 }: { size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    <path d="M9 4h6l1 2h3v15H5V6h3z" />
    <path d="M9 12h6M9 16h4" />
  </svg>
);
