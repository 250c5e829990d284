// What signup, invitation acceptance and tenant switching answer with.
import type { Schema } from "../../../api";

export type SessionStart = Schema<"SessionStart">;
