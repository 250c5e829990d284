// D1 schema (drizzle), one file per area. Every tenant-owned table carries
// tenant_id and an index that serves its list queries.
export * from "./core";
export * from "./messaging";
export * from "./ops";
export * from "./events";
export * from "./assistant";
export * from "./inbox";
export * from "./contacts";
export * from "./flows";
export * from "./campaigns";
export * from "./media";
export * from "./analytics";
export * from "./idempotency";
export * from "./reactions";
export * from "./notifications";
export * from "./tenant-deletion";
export * from "./meta-media";
