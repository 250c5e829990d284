import type { ComponentType } from "react";
import { createBrowserRouter, Outlet } from "react-router";
import { setNavigate } from "../lib/navigation";
import { BootScreen } from "./routes/boot-screen";
import { RouteError } from "./routes/route-error";

// Every page is its own chunk, loaded when first visited.
const page = (load: () => Promise<{ default: ComponentType }>) => async () => ({ Component: (await load()).default });

export const router = createBrowserRouter([
  {
    path: "/",
    Component: Outlet,
    ErrorBoundary: RouteError,
    HydrateFallback: BootScreen,
    children: [
      { path: "login", lazy: page(() => import("./routes/login")) },
      { path: "signup", lazy: page(() => import("./routes/signup")) },
      { path: "invite/:token", lazy: page(() => import("./routes/invite")) },
      { path: "forgot-password", lazy: page(() => import("./routes/forgot-password")) },
      { path: "reset-password/:token", lazy: page(() => import("./routes/reset-password")) },
      { path: "goodbye", lazy: page(() => import("./routes/goodbye")) },
      {
        lazy: page(() => import("./routes/app/layout")),
        children: [
          { index: true, lazy: page(() => import("./routes/app/overview")) },
          { path: "team", lazy: page(() => import("./routes/app/team")) },
          { path: "api-keys", lazy: page(() => import("./routes/app/api-keys")) },
          { path: "bot", lazy: page(() => import("./routes/app/bot")) },
          { path: "bot/:section", lazy: page(() => import("./routes/app/bot")) },
          { path: "channels", lazy: page(() => import("./routes/app/channels")) },
          { path: "credits", lazy: page(() => import("./routes/app/credits")) },
          { path: "inbox", lazy: page(() => import("./routes/app/inbox")) },
          { path: "contacts", lazy: page(() => import("./routes/app/contacts")) },
          { path: "contacts/fields", lazy: page(() => import("./routes/app/contact-fields")) },
          { path: "contacts/:id", lazy: page(() => import("./routes/app/contact")) },
          { path: "campaigns", lazy: page(() => import("./routes/app/campaigns")) },
          { path: "campaigns/new", lazy: page(() => import("./routes/app/campaign-new")) },
          { path: "campaigns/:id", lazy: page(() => import("./routes/app/campaign")) },
          { path: "developers", lazy: page(() => import("./routes/app/developers")) },
          { path: "developers/webhooks/:id", lazy: page(() => import("./routes/app/webhook-endpoint")) },
          { path: "emails", lazy: page(() => import("./routes/app/emails")) },
          { path: "account", lazy: page(() => import("./routes/app/account")) },
          { path: "templates", lazy: page(() => import("./routes/app/templates")) },
          { path: "quick-replies", lazy: page(() => import("./routes/app/quick-replies")) },
          { path: "audit-log", lazy: page(() => import("./routes/app/audit-log")) },
        ],
      },
      { path: "*", lazy: page(() => import("./routes/not-found")) },
    ],
  },
]);

setNavigate((to, opts) => router.navigate(to, opts));
