import { createRoute, z } from "@hono/zod-openapi";
import { createRouter, json } from "../http/openapi";
import demoAccount from "../ops/demo-account.json";

// Public facts the dashboard needs before login. Demo credentials appear only
// when DEMO_SEED is on, which production refuses to start with.
export const configRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/config",
      security: [],
    tags: ["Health"],
    summary: "Public configuration for the dashboard",
    responses: {
      200: json(
        z.object({
          environment: z.string(),
          publicUrl: z.string(),
          demo: z.object({ email: z.string(), password: z.string() }).nullable(),
        }),
        "Configuration",
      ),
    },
  }),
  (c) => {
    const cfg = c.get("ctx").config;
    return c.json(
      {
        environment: cfg.ENVIRONMENT,
        publicUrl: cfg.PUBLIC_URL,
        demo: cfg.DEMO_SEED && cfg.ENVIRONMENT !== "production" ? { email: demoAccount.email, password: demoAccount.password } : null,
      },
      200,
    );
  },
);
