// Plain-language validation messages for every zod schema in the worker, so
// problem+json `errors[]` read "must be at most 120 characters", not zod's defaults.
import { z } from "zod";

z.config({
  customError: (issue) => {
    if (issue.code === "invalid_type" && issue.input === undefined) return "is required";
    if (issue.code === "too_big") {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return `must be at most ${max} characters`;
      if (issue.origin === "array") return `must have at most ${max} items`;
      if (issue.origin === "number") return `must be at most ${max}`;
    }
    if (issue.code === "too_small") {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? "is required" : `must be at least ${min} characters`;
      if (issue.origin === "array") return min <= 1 ? "must not be empty" : `must have at least ${min} items`;
      if (issue.origin === "number") return `must be at least ${min}`;
    }
    if (issue.code === "invalid_type") return `must be ${issue.expected === "string" ? "text" : `a ${issue.expected}`}`;
    return undefined;
  },
});
