import { forward } from "../_forward";

export const onRequest = forward;
