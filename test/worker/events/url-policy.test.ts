// Subscriber URL rules: HTTPS and no internal hosts in production (SSRF); anything locally.
import { describe, expect, it } from "vitest";
import { createEndpoint } from "../../../worker/events/endpoints";
import { endpointUrlProblem } from "../../../worker/events/url-policy";
import { createTenant } from "../helpers/tenants";
import { harness } from "./harness";

const production = { ENVIRONMENT: "production" as const };
const development = { ENVIRONMENT: "development" as const };

const REFUSED_HOSTS = [
  "https://localhost/hook",
  "https://api.localhost/hook",
  "https://127.0.0.1/hook",
  "https://127.8.9.10/hook",
  "https://2130706433/hook", // 127.0.0.1 as one number
  "https://0x7f.1/hook", // 127.0.0.1 in hex shorthand
  "https://0.0.0.0/hook",
  "https://10.1.2.3/hook",
  "https://172.16.0.1/hook",
  "https://172.31.255.255/hook",
  "https://192.168.1.10/hook",
  "https://100.64.0.1/hook",
  "https://169.254.169.254/latest/meta-data/",
  "https://169.254.10.20/hook",
  "https://224.0.0.1/hook",
  "https://255.255.255.255/hook",
  "https://metadata.google.internal/computeMetadata/v1/",
  "https://metadata/hook",
  "https://intranet/hook",
  "https://printer.local/hook",
  "https://router.home.arpa/hook",
  "https://[::1]/hook",
  "https://[::]/hook",
  "https://[fe80::1]/hook",
  "https://[fc00::1]/hook",
  "https://[fd12:3456:789a::1]/hook",
  "https://[fec0::1]/hook",
  "https://[ff02::1]/hook",
  "https://[::ffff:127.0.0.1]/hook",
  "https://[::ffff:10.0.0.1]/hook",
  "https://[::ffff:169.254.169.254]/hook",
  "https://[64:ff9b::a9fe:a9fe]/hook", // NAT64 of 169.254.169.254
  "https://[2002:7f00:1::]/hook", // 6to4 of 127.0.0.1
  "https://[2001:db8::1]/hook",
];

const ALLOWED = ["https://hooks.example.com/parley", "https://example.com:8443/a?b=c", "https://8.8.8.8/hook", "https://[2606:4700:4700::1111]/hook", "https://172.32.0.1/hook"];

describe("endpoint URL policy", () => {
  it.each(REFUSED_HOSTS)("refuses %s in production", (url) => {
    expect(endpointUrlProblem(production, url)).toMatch(/must not point at a loopback, private, link-local, metadata or internal address/);
  });

  it("requires https in production", () => {
    expect(endpointUrlProblem(production, "http://hooks.example.com/parley")).toBe("must use https");
  });

  it.each(ALLOWED)("allows the public URL %s in production", (url) => {
    expect(endpointUrlProblem(production, url)).toBeNull();
  });

  it("allows any http(s) URL outside production, loopback included", () => {
    for (const url of ["http://localhost:4000/hook", "http://127.0.0.1:9/hook", "http://192.168.1.10/hook", "https://[::1]/hook"]) {
      expect(endpointUrlProblem(development, url)).toBeNull();
    }
  });

  it("refuses what is not an http(s) URL anywhere", () => {
    expect(endpointUrlProblem(development, "ftp://example.com/x")).toBe("must be an http(s) URL");
    expect(endpointUrlProblem(development, "not a url")).toBe("must be an absolute URL");
    expect(endpointUrlProblem(development, `https://example.com/${"a".repeat(2048)}`)).toMatch(/at most 2048/);
  });

  it("makes endpoint creation under a production config answer with a field error", async () => {
    const owner = await createTenant();
    const h = harness({ production: true });
    const t = h.tenantCtx(owner);
    await expect(createEndpoint(t, { url: "https://169.254.169.254/latest", events: ["*"] })).rejects.toMatchObject({
      status: 400,
      options: { errors: [{ path: "url", message: expect.stringMatching(/metadata/) }] },
    });
    await expect(createEndpoint(t, { url: "http://hooks.example.com/x", events: ["*"] })).rejects.toMatchObject({
      options: { errors: [{ path: "url", message: "must use https" }] },
    });
    const ok = await createEndpoint(t, { url: "https://hooks.example.com/parley", events: ["*"] });
    expect(ok.url).toBe("https://hooks.example.com/parley");
  });
});
