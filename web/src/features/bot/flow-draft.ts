// The qualification flow as the editor holds it: every number as typed (so a
// half-typed "1." is not lost), aliases as one comma-separated string, and a
// stable id per row for React. `toInput` checks it like the API does and
// reports problems under the API's own field paths ("steps.1.options").
import type { FlowInput, FlowPresetId, FlowStep, StepType } from "./api/types";

export interface OptionDraft {
  id: string;
  label: string;
  points: string;
  aliases: string;
}

export interface RangeDraft {
  id: string;
  min: string;
  max: string;
  points: string;
}

export interface StepDraft {
  id: string;
  /** Empty for a step never saved: the key is made from the label on save. */
  key: string;
  label: string;
  question: string;
  type: StepType;
  options: OptionDraft[];
  ranges: RangeDraft[];
  points: string;
}

export interface FlowDraft {
  enabled: boolean;
  preset: FlowPresetId;
  qualifiedScore: string;
  handoffWhenQualified: boolean;
  completionMessage: string;
  steps: StepDraft[];
}

export type FlowErrors = Record<string, string>;

export const MAX_STEPS = 10;
export const MAX_OPTIONS = 10;
export const MAX_RANGES = 10;

let seq = 0;
const rowId = () => `r${++seq}`;

const num = (n: number | undefined) => (n === undefined ? "" : String(n));

export const newOption = (label = "", points = 0): OptionDraft => ({ id: rowId(), label, points: String(points), aliases: "" });
export const newRange = (): RangeDraft => ({ id: rowId(), min: "", max: "", points: "0" });

export function newStep(type: StepType = "choice"): StepDraft {
  return { id: rowId(), key: "", label: "", question: "", type, options: [newOption(), newOption()], ranges: [newRange()], points: "10" };
}

function stepToDraft(s: FlowStep): StepDraft {
  return {
    id: rowId(),
    key: s.key,
    label: s.label,
    question: s.question,
    type: s.type,
    options: s.options?.length ? s.options.map((o) => ({ id: rowId(), label: o.label, points: String(o.points), aliases: (o.aliases ?? []).join(", ") })) : [newOption(), newOption()],
    ranges: s.ranges?.length ? s.ranges.map((r) => ({ id: rowId(), min: num(r.min), max: num(r.max), points: String(r.points) })) : [newRange()],
    points: num(s.points ?? 0),
  };
}

export function toDraft(flow: FlowInput): FlowDraft {
  return {
    enabled: flow.enabled,
    preset: flow.preset,
    qualifiedScore: String(flow.qualifiedScore),
    handoffWhenQualified: flow.handoffWhenQualified,
    completionMessage: flow.completionMessage,
    steps: flow.steps.map(stepToDraft),
  };
}

/** "1,500,000,000", "1 500 000" and "750000" all read as numbers; "" is undefined. */
export function parseAmount(raw: string): number | undefined | null {
  const s = raw.replace(/[\s,_]/g, "");
  if (s === "") return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function parsePoints(raw: string): number | null {
  const s = raw.trim();
  if (!/^\d{1,3}$/.test(s)) return null;
  const n = Number(s);
  return n <= 100 ? n : null;
}

/** The most points a step can give, for "up to N points". */
export function stepMaxPoints(s: StepDraft): number {
  const pts = (raw: string) => parsePoints(raw) ?? 0;
  if (s.type === "choice") return Math.max(0, ...s.options.map((o) => pts(o.points)));
  if (s.type === "number") return Math.max(0, ...s.ranges.map((r) => pts(r.points)));
  return pts(s.points);
}

/** A key from a label: "Property type" → "property_type", unique within the flow. */
export function keyFromLabel(label: string, taken: Set<string>): string {
  const base =
    label
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .replace(/^[^a-z]+/, "")
      .slice(0, 34) || "question";
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}_${i}`;
  return key;
}

const splitList = (s: string) =>
  s
    .split(",")
    .map((w) => w.trim())
    .filter(Boolean);

/** The API body, or the problems that keep it from being saved (keyed like the API's field errors). */
export function toInput(d: FlowDraft): { input: FlowInput; errors: FlowErrors } {
  const errors: FlowErrors = {};
  const score = d.qualifiedScore.trim();
  const qualifiedScore = /^\d{1,3}$/.test(score) ? Number(score) : NaN;
  if (!(qualifiedScore >= 1 && qualifiedScore <= 100)) errors.qualifiedScore = "Use a whole number from 1 to 100";
  if (d.completionMessage.trim().length > 1000) errors.completionMessage = "Keep the message under 1,000 characters";
  if (d.enabled && d.steps.length === 0) errors.steps = "Add at least one question before turning the flow on";
  if (d.steps.length > MAX_STEPS) errors.steps = `Use at most ${MAX_STEPS} questions`;

  const taken = new Set(d.steps.map((s) => s.key).filter(Boolean));
  const steps: FlowStep[] = d.steps.map((s, i) => {
    const at = `steps.${i}`;
    const label = s.label.trim();
    const question = s.question.trim();
    if (!label) errors[`${at}.label`] = "Give the answer a short label, like “Budget”";
    else if (label.length > 60) errors[`${at}.label`] = "Keep the label under 60 characters";
    if (!question) errors[`${at}.question`] = "Write the question the bot asks";
    else if (question.length > 500) errors[`${at}.question`] = "Keep the question under 500 characters";
    let key = s.key;
    if (!key) {
      key = keyFromLabel(label, taken);
      taken.add(key);
    }
    const step: FlowStep = { key, label, question, type: s.type };
    if (s.type === "choice") {
      if (s.options.length < 2 || s.options.length > MAX_OPTIONS) errors[`${at}.options`] = `A choice needs 2 to ${MAX_OPTIONS} answers`;
      const seen = new Set<string>();
      step.options = s.options.map((o, j) => {
        const olabel = o.label.trim();
        const points = parsePoints(o.points);
        if (!olabel) errors[`${at}.options.${j}.label`] = "Write the answer";
        else if (olabel.length > 80) errors[`${at}.options.${j}.label`] = "Keep the answer under 80 characters";
        else if (seen.has(olabel.toLowerCase())) errors[`${at}.options.${j}.label`] = "Another answer already says this";
        seen.add(olabel.toLowerCase());
        if (points === null) errors[`${at}.options.${j}.points`] = "0 to 100";
        const aliases = splitList(o.aliases);
        if (aliases.some((a) => a.length > 60)) errors[`${at}.options.${j}.aliases`] = "Keep each word under 60 characters";
        else if (aliases.length > 20) errors[`${at}.options.${j}.aliases`] = "Use at most 20";
        return { label: olabel, points: points ?? 0, aliases };
      });
    } else if (s.type === "number") {
      if (s.ranges.length > MAX_RANGES) errors[`${at}.ranges`] = `Use at most ${MAX_RANGES} ranges`;
      step.ranges = s.ranges.map((r, j) => {
        const min = parseAmount(r.min);
        const max = parseAmount(r.max);
        const points = parsePoints(r.points);
        if (min === null) errors[`${at}.ranges.${j}.min`] = "Use a number, or leave it empty";
        if (max === null) errors[`${at}.ranges.${j}.max`] = "Use a number, or leave it empty";
        else if (min != null && max !== undefined && max <= min) errors[`${at}.ranges.${j}.max`] = "Must be above “from”";
        if (points === null) errors[`${at}.ranges.${j}.points`] = "0 to 100";
        return { ...(min != null ? { min } : {}), ...(max != null ? { max } : {}), points: points ?? 0 };
      });
    } else {
      const points = parsePoints(s.points);
      if (points === null) errors[`${at}.points`] = "Use a whole number from 0 to 100";
      step.points = points ?? 0;
    }
    return step;
  });

  return {
    input: {
      enabled: d.enabled,
      preset: d.preset,
      qualifiedScore: Number.isFinite(qualifiedScore) ? qualifiedScore : 60,
      handoffWhenQualified: d.handoffWhenQualified,
      completionMessage: d.completionMessage.trim(),
      steps,
    },
    errors,
  };
}
