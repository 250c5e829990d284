import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { AppErrorBoundary } from "./app/error-boundary";
import { installGlobalErrorHandlers, reportRenderError } from "./lib/error-reporting";
import "./styles/index.css";

installGlobalErrorHandlers();

createRoot(document.getElementById("root")!, {
  // Every render error an error boundary caught (the router's or AppErrorBoundary), with React's component stack.
  onCaughtError: (error, info) => {
    console.error(error);
    reportRenderError(error, info.componentStack);
  },
  onUncaughtError: (error, info) => {
    console.error(error);
    reportRenderError(error, info.componentStack);
  },
}).render(
  <StrictMode>
    <AppErrorBoundary>
      <App />
    </AppErrorBoundary>
  </StrictMode>,
);
