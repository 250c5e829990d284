import { Button } from "../../../components/ui/button";
import { SelectField, TextField } from "../../../components/ui/field";
import { AlertIcon, PlusIcon } from "../../../components/ui/icons";
import { TextAreaField } from "../../../components/ui/textarea-field";
import type { StepType } from "../api/types";
import { MAX_OPTIONS, MAX_RANGES, newOption, newRange, stepMaxPoints, type FlowErrors, type OptionDraft, type RangeDraft, type StepDraft } from "../flow-draft";

export const TYPE_LABELS: Record<StepType, string> = {
  choice: "Choice (one of a list)",
  number: "Number (an amount or budget)",
  text: "Text (any short answer)",
  email: "Email address",
  date: "Date",
};

const TYPE_HELP: Record<StepType, string> = {
  choice: "The customer answers with an option's number, its wording or one of the other words it accepts.",
  number: "Amounts like “750 juta”, “1.5 miliar”, “2m” or “$300k” are understood. The first range the number falls in gives its points.",
  text: "Any answer that isn't a question counts, such as an area or the service they need.",
  email: "Only a valid email address counts as an answer.",
  date: "A date or a month and year counts as an answer.",
};

const amountFmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

function ListError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      <AlertIcon size={15} />
      {message}
    </p>
  );
}

interface StepEditorProps {
  step: StepDraft;
  index: number;
  count: number;
  errors: FlowErrors;
  canEdit: boolean;
  /** Closed steps show a summary; a step with a problem is always open. */
  open: boolean;
  onToggle: () => void;
  onChange: (step: StepDraft) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

/** One question of the flow: wording, answer type and the points each answer adds. */
export function FlowStepEditor({ step, index, count, errors, canEdit, open, onToggle, onChange, onMove, onRemove }: StepEditorProps) {
  const at = `steps.${index}`;
  const n = index + 1;
  const name = step.label.trim() || `Question ${n}`;
  const set = (patch: Partial<StepDraft>) => onChange({ ...step, ...patch });
  const setOption = (j: number, patch: Partial<OptionDraft>) => set({ options: step.options.map((o, k) => (k === j ? { ...o, ...patch } : o)) });
  const setRange = (j: number, patch: Partial<RangeDraft>) => set({ ranges: step.ranges.map((r, k) => (k === j ? { ...r, ...patch } : r)) });
  const aliasError = (j: number) => errors[`${at}.options.${j}.aliases`] ?? Object.entries(errors).find(([k]) => k.startsWith(`${at}.options.${j}.aliases.`))?.[1];

  const bodyId = `${step.id}-body`;

  return (
    <li className="flow-step">
      <fieldset className="fieldset flow-step-body" aria-label={`Question ${n}: ${name}`}>
        <div className="flow-step-head">
          <p className="flow-step-title">
            <span className="flow-step-number" aria-hidden="true">
              {n}
            </span>
            <span>
              <span className="cell-strong">{name}</span>
              <span className="muted small"> · up to {stepMaxPoints(step)} points</span>
            </span>
          </p>
          <div className="flow-step-actions">
            <Button size="sm" onClick={onToggle} aria-expanded={open} aria-controls={open ? bodyId : undefined} aria-label={`${open ? "Close" : canEdit ? "Edit" : "Show"} question ${n}`}>
              {open ? "Close" : canEdit ? "Edit" : "Show"}
            </Button>
            {canEdit && (
              <>
                <Button size="sm" variant="ghost" onClick={() => onMove(-1)} disabled={index === 0} aria-label={`Move question ${n} up`}>
                  <span aria-hidden="true">↑</span>
                  <span className="flow-move-text">Up</span>
                </Button>
                <Button size="sm" variant="ghost" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={`Move question ${n} down`}>
                  <span aria-hidden="true">↓</span>
                  <span className="flow-move-text">Down</span>
                </Button>
                <Button size="sm" variant="ghost" className="btn-danger-text" onClick={onRemove} aria-label={`Remove question ${n}`}>
                  Remove
                </Button>
              </>
            )}
          </div>
        </div>
        {!open ? (
          <StepSummary step={step} />
        ) : (
          <div id={bodyId} className="flow-step-fields">
            <div className="form-grid">
              <TextField
                label="Label"
                name={`${at}.label`}
                maxLength={60}
                placeholder="e.g. Budget"
                value={step.label}
                onChange={(e) => set({ label: e.target.value })}
                hint="Shown next to the answer in the inbox."
                error={errors[`${at}.label`] ?? errors[`${at}.key`]}
              />
              <SelectField
                label="Answer type"
                name={`${at}.type`}
                value={step.type}
                onChange={(e) => set({ type: e.target.value as StepType })}
                options={(Object.keys(TYPE_LABELS) as StepType[]).map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
                hint={TYPE_HELP[step.type]}
                error={errors[`${at}.type`]}
              />
            </div>
            <TextAreaField
              label="Question"
              name={`${at}.question`}
              rows={2}
              maxLength={500}
              placeholder="e.g. What is your budget?"
              value={step.question}
              onChange={(e) => set({ question: e.target.value })}
              hint="What the bot asks, word for word."
              error={errors[`${at}.question`]}
            />

            {step.type === "choice" && (
              <fieldset className="flow-rows" aria-describedby={errors[`${at}.options`] ? `${step.id}-options-error` : undefined}>
                <legend className="field-label">Answers and points</legend>
                <ol className="flow-row-list">
                  {step.options.map((o, j) => (
                    <li key={o.id} className="flow-row flow-row-option">
                      <TextField
                        label={`Answer ${j + 1}`}
                        name={`${at}.options.${j}.label`}
                        maxLength={80}
                        placeholder="e.g. Buy"
                        value={o.label}
                        onChange={(e) => setOption(j, { label: e.target.value })}
                        error={errors[`${at}.options.${j}.label`]}
                      />
                      <TextField
                        label="Points"
                        name={`${at}.options.${j}.points`}
                        type="number"
                        inputMode="numeric"
                        min={0}
                        max={100}
                        className="input-points"
                        value={o.points}
                        onChange={(e) => setOption(j, { points: e.target.value })}
                        error={errors[`${at}.options.${j}.points`]}
                      />
                      <TextField
                        label="Also accepts"
                        name={`${at}.options.${j}.aliases`}
                        optional
                        placeholder="e.g. beli, purchase"
                        value={o.aliases}
                        onChange={(e) => setOption(j, { aliases: e.target.value })}
                        hint="Other words for this answer, separated by commas."
                        error={aliasError(j)}
                      />
                      {canEdit && (
                        <Button
                          size="sm"
                          variant="ghost"
                          className="btn-danger-text flow-row-remove"
                          onClick={() => set({ options: step.options.filter((_, k) => k !== j) })}
                          disabled={step.options.length <= 2}
                          aria-label={`Remove answer ${j + 1} of question ${n}`}
                        >
                          Remove
                        </Button>
                      )}
                    </li>
                  ))}
                </ol>
                <ListError id={`${step.id}-options-error`} message={errors[`${at}.options`]} />
                {canEdit && step.options.length < MAX_OPTIONS && (
                  <div>
                    <Button size="sm" icon={<PlusIcon size={16} />} onClick={() => set({ options: [...step.options, newOption()] })}>
                      Add an answer
                    </Button>
                  </div>
                )}
              </fieldset>
            )}

            {step.type === "number" && (
              <fieldset className="flow-rows" aria-describedby={errors[`${at}.ranges`] ? `${step.id}-ranges-error` : undefined}>
                <legend className="field-label">Ranges and points</legend>
                <p className="field-hint flow-rows-hint">A number counts for the first range it falls in: from ≤ number &lt; up to. Leave a side empty for no limit.</p>
                {step.ranges.length === 0 && <p className="muted small">No ranges: any number is recorded but adds no points.</p>}
                <ol className="flow-row-list">
                  {step.ranges.map((r, j) => (
                    <li key={r.id} className="flow-row flow-row-range">
                      <TextField
                        label="From"
                        name={`${at}.ranges.${j}.min`}
                        inputMode="decimal"
                        optional
                        placeholder="No minimum"
                        value={r.min}
                        onChange={(e) => setRange(j, { min: e.target.value })}
                        hint={amountHint(r.min)}
                        error={errors[`${at}.ranges.${j}.min`]}
                      />
                      <TextField
                        label="Up to"
                        name={`${at}.ranges.${j}.max`}
                        inputMode="decimal"
                        optional
                        placeholder="No maximum"
                        value={r.max}
                        onChange={(e) => setRange(j, { max: e.target.value })}
                        hint={amountHint(r.max)}
                        error={errors[`${at}.ranges.${j}.max`]}
                      />
                      <TextField
                        label="Points"
                        name={`${at}.ranges.${j}.points`}
                        type="number"
                        inputMode="numeric"
                        min={0}
                        max={100}
                        className="input-points"
                        value={r.points}
                        onChange={(e) => setRange(j, { points: e.target.value })}
                        error={errors[`${at}.ranges.${j}.points`]}
                      />
                      {canEdit && (
                        <Button
                          size="sm"
                          variant="ghost"
                          className="btn-danger-text flow-row-remove"
                          onClick={() => set({ ranges: step.ranges.filter((_, k) => k !== j) })}
                          aria-label={`Remove range ${j + 1} of question ${n}`}
                        >
                          Remove
                        </Button>
                      )}
                    </li>
                  ))}
                </ol>
                <ListError id={`${step.id}-ranges-error`} message={errors[`${at}.ranges`]} />
                {canEdit && step.ranges.length < MAX_RANGES && (
                  <div>
                    <Button size="sm" icon={<PlusIcon size={16} />} onClick={() => set({ ranges: [...step.ranges, newRange()] })}>
                      Add a range
                    </Button>
                  </div>
                )}
              </fieldset>
            )}

            {(step.type === "text" || step.type === "email" || step.type === "date") && (
              <TextField
                label="Points for an answer"
                name={`${at}.points`}
                type="number"
                inputMode="numeric"
                min={0}
                max={100}
                fieldClassName="flow-points-field"
                value={step.points}
                onChange={(e) => set({ points: e.target.value })}
                hint="Added to the lead score when the customer answers."
                error={errors[`${at}.points`]}
              />
            )}
          </div>
        )}
      </fieldset>
    </li>
  );
}

/** A closed step: the question and what each answer is worth. */
function StepSummary({ step }: { step: StepDraft }) {
  let scoring: string;
  if (step.type === "choice") scoring = step.options.map((o) => `${o.label.trim() || "(no wording)"}: ${o.points || 0}`).join(" · ");
  else if (step.type === "number")
    scoring = step.ranges.length
      ? step.ranges
          .map((r) => {
            const min = amountText(r.min);
            const max = amountText(r.max);
            const span = min && max ? `${min} to under ${max}` : min ? `${min} or more` : max ? `under ${max}` : "any number";
            return `${span}: ${r.points || 0}`;
          })
          .join(" · ")
      : "any number: 0";
  else scoring = `any ${step.type === "text" ? "answer" : step.type === "email" ? "valid email" : "date"}: ${step.points || 0}`;
  return (
    <div className="flow-step-summary">
      <p>{step.question.trim() ? `“${step.question.trim()}”` : <span className="muted">No question written yet</span>}</p>
      <p className="muted small">
        {TYPE_LABELS[step.type]} · points for {scoring}
      </p>
    </div>
  );
}

function amountText(raw: string): string {
  const s = raw.replace(/[\s,_]/g, "");
  if (!s) return "";
  const n = Number(s);
  return Number.isFinite(n) ? amountFmt.format(n) : raw;
}

/** "1500000000" → "= 1,500,000,000" under the input, so long amounts are easy to check. */
function amountHint(raw: string): string | undefined {
  const s = raw.replace(/[\s,_]/g, "");
  if (s.length < 5) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? `= ${amountFmt.format(n)}` : undefined;
}
