// The session cookie: HttpOnly, Secure, SameSite=Lax. Production uses the
// __Host- prefix, which browsers only accept over HTTPS with Path=/.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "./types";

export function sessionCookieName(c: Context<AppEnv>): string {
  return c.get("ctx").config.ENVIRONMENT === "production" ? "__Host-parley_session" : "parley_session";
}

export function readSessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, sessionCookieName(c));
}

export function writeSessionCookie(c: Context<AppEnv>, token: string, expiresAt: number): void {
  setCookie(c, sessionCookieName(c), token, {
    httpOnly: true,
    secure: true,
    sameSite: "Lax",
    path: "/",
    expires: new Date(expiresAt),
    maxAge: Math.max(0, Math.floor((expiresAt - Date.now()) / 1000)),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, sessionCookieName(c), { path: "/", secure: true, httpOnly: true, sameSite: "Lax" });
}
