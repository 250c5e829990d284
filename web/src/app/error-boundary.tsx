import { Component, type ReactNode } from "react";
import { CrashFallback } from "./crash-fallback";

/**
 * The outermost error boundary: a render error that no page-level boundary
 * caught (the router's own, the providers, the toaster) shows CrashFallback
 * instead of a blank page. Reporting happens in React's onCaughtError (main.tsx).
 */
export class AppErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <CrashFallback /> : this.props.children;
  }
}
