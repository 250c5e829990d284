import { integer } from "drizzle-orm/sqlite-core";

// Times are integer milliseconds since the epoch.
export const createdAt = () => integer("created_at").notNull();
export const updatedAt = () => integer("updated_at").notNull();
