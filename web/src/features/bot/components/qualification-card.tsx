import { useMemo, useRef, useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { SelectField, TextField } from "../../../components/ui/field";
import { AlertIcon, PlusIcon } from "../../../components/ui/icons";
import { Skeleton } from "../../../components/ui/skeleton";
import { ErrorState } from "../../../components/ui/states";
import { TextAreaField } from "../../../components/ui/textarea-field";
import { ApiError } from "../../../lib/api";
import { describeError, fieldMessage } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useFlow } from "../api/get-flow";
import { useBotSettings } from "../api/get-bot-settings";
import { useFlowPresets, type PresetLanguage } from "../api/list-flow-presets";
import type { Flow, FlowPreset } from "../api/types";
import { useUpdateFlow } from "../api/update-flow";
import { MAX_STEPS, newStep, stepMaxPoints, toDraft, toInput, type FlowDraft, type FlowErrors, type StepDraft } from "../flow-draft";
import { FlowStepEditor } from "./flow-step-editor";

/** Field paths the editor shows an error next to; anything else goes in the alert at the top. */
const SHOWN =
  /^(qualifiedScore|completionMessage|steps|steps\.\d+\.(label|key|question|type|points|options|ranges)|steps\.\d+\.options\.\d+\.(label|points|aliases(\.\d+)?)|steps\.\d+\.ranges\.\d+\.(min|max|points))$/;

/** The API's messages are fragments ("is required"); name the field they are about. */
function labelFor(path: string): string {
  const leaf = path.split(".").filter((p) => !/^\d+$/.test(p));
  const last = leaf[leaf.length - 1] ?? "";
  const parent = leaf[leaf.length - 2] ?? "";
  if (last === "qualifiedScore") return "Qualified at";
  if (last === "completionMessage") return "The completion message";
  if (last === "steps") return "The flow";
  if (last === "aliases") return "Also accepts";
  if (last === "label") return parent === "options" ? "The answer" : "The label";
  if (last === "key") return "The label";
  if (last === "question") return "The question";
  if (last === "options") return "The answers";
  if (last === "ranges") return "The ranges";
  if (last === "min") return "From";
  if (last === "max") return "Up to";
  if (last === "points") return "Points";
  return "This field";
}

export function QualificationCard({ canEdit }: { canEdit: boolean }) {
  const flow = useFlow();
  return (
    <Card
      title="Qualification"
      description="Questions the bot asks every new lead, one at a time, and the points each answer adds to the lead score. Answers show in the inbox next to the conversation."
    >
      {flow.isPending ? (
        <div className="stack" role="status" aria-label="Loading the qualification flow">
          <Skeleton height={40} />
          <Skeleton height={120} />
          <Skeleton height={40} width="50%" />
        </div>
      ) : flow.isError ? (
        <ErrorState error={flow.error} what="the qualification flow" onRetry={() => void flow.refetch()} retrying={flow.isFetching} />
      ) : (
        <QualificationForm flow={flow.data} canEdit={canEdit} />
      )}
    </Card>
  );
}

function QualificationForm({ flow, canEdit }: { flow: Flow; canEdit: boolean }) {
  const save = useUpdateFlow();
  const settings = useBotSettings();
  const [language, setLanguage] = useState<PresetLanguage | null>(null);
  // The assistant's default language until the person picks another.
  const presetLanguage = language ?? settings.data?.persona.defaultLanguage ?? "en";
  const presets = useFlowPresets(presetLanguage);
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<FlowDraft>(() => toDraft(flow));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FlowErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [presetId, setPresetId] = useState("");
  const [replacing, setReplacing] = useState<FlowPreset | null>(null);
  // Steps open for editing, by row id; the rest show a summary.
  const [openSteps, setOpenSteps] = useState<Set<string>>(() => new Set());
  /** Open the steps a problem is about, so its message and field are visible. */
  const openWithErrors = (errs: FlowErrors) => {
    const indices = new Set(Object.keys(errs).flatMap((k) => /^steps\.(\d+)\./.exec(k)?.[1] ?? []).map(Number));
    if (indices.size) setOpenSteps((prev) => new Set([...prev, ...draft.steps.filter((_, i) => indices.has(i)).map((st) => st.id)]));
  };
  const toggleStep = (id: string) =>
    setOpenSteps((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const maxScore = useMemo(() => Math.min(100, draft.steps.reduce((sum, s) => sum + stepMaxPoints(s), 0)), [draft.steps]);

  function edit(next: Partial<FlowDraft>) {
    setDraft((d) => ({ ...d, ...next }));
    setDirty(true);
  }
  const setStep = (i: number, step: StepDraft) => edit({ steps: draft.steps.map((s, k) => (k === i ? step : s)) });
  function moveStep(i: number, delta: -1 | 1) {
    const j = i + delta;
    if (j < 0 || j >= draft.steps.length) return;
    const steps = [...draft.steps];
    [steps[i], steps[j]] = [steps[j]!, steps[i]!];
    // Problems are listed by position: they would point at the wrong question now.
    setErrors({});
    edit({ steps });
    // Keep the focus on the button that moved it, now at its new place.
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`[aria-label="Move question ${j + 1} ${delta < 0 ? "up" : "down"}"]:not(:disabled)`)?.focus());
  }
  function removeStep(i: number) {
    setErrors({});
    edit({ steps: draft.steps.filter((_, k) => k !== i) });
  }
  function addStep() {
    const step = newStep();
    edit({ steps: [...draft.steps, step] });
    setOpenSteps((prev) => new Set(prev).add(step.id));
    // Focus the new question's label once it renders.
    const i = draft.steps.length;
    requestAnimationFrame(() => {
      const el = formRef.current?.elements.namedItem(`steps.${i}.label`);
      if (el instanceof HTMLElement) el.focus();
    });
  }

  function applyPreset(p: FlowPreset) {
    // The switch keeps its position: picking questions never turns the flow on or off by itself.
    setDraft({ ...toDraft(p.flow), enabled: draft.enabled });
    setDirty(true);
    setErrors({});
    setFormError(null);
    setReplacing(null);
    toast({ tone: "info", title: `${p.name} questions added`, description: "Review them, then save the flow." });
  }
  function pickPreset() {
    const p = presets.data?.data.find((x) => x.id === presetId);
    if (!p) return;
    if (draft.steps.length > 0) setReplacing(p);
    else applyPreset(p);
  }

  /** After the steps with problems have opened. */
  function focusFirst(errs: FlowErrors) {
    requestAnimationFrame(() => focusNow(errs));
  }
  function focusNow(errs: FlowErrors) {
    const first = Object.keys(errs)[0];
    if (!first) return;
    const form = formRef.current;
    const name = first.replace(/\.key$/, ".label").replace(/\.aliases\.\d+$/, ".aliases");
    const el = form?.elements.namedItem(name);
    if (el instanceof HTMLElement) return el.focus();
    // A list-level problem (steps.1.options): focus the first input of that question.
    const step = /^steps\.(\d+)/.exec(first)?.[1];
    const fallback = step !== undefined ? form?.elements.namedItem(`steps.${step}.label`) : null;
    if (fallback instanceof HTMLElement) fallback.focus();
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const { input, errors: problems } = toInput(draft);
    setErrors(problems);
    setFormError(null);
    if (Object.keys(problems).length > 0) {
      setFormError("Some questions need attention before the flow can be saved.");
      openWithErrors(problems);
      focusFirst(problems);
      return;
    }
    save.mutate(input, {
      onSuccess: (saved) => {
        const next = toDraft(saved);
        // Rows get new ids: keep the same questions open.
        setOpenSteps(new Set(next.steps.filter((_, i) => openSteps.has(draft.steps[i]?.id ?? "")).map((st) => st.id)));
        setDraft(next);
        setDirty(false);
        toast({ tone: "success", title: "Qualification flow saved", description: saved.enabled ? "The bot asks these questions in new conversations." : "The flow is off: the bot doesn't ask these questions." });
      },
      onError: (error) => {
        if (!(error instanceof ApiError) || error.status >= 500) return;
        const fields: FlowErrors = {};
        const unmatched: string[] = [];
        for (const [path, message] of Object.entries(error.fieldErrors)) {
          if (SHOWN.test(path)) fields[path] = fieldMessage(labelFor(path), message);
          else unmatched.push(fieldMessage(labelFor(path), message));
        }
        setErrors(fields);
        setFormError(unmatched.length > 0 || Object.keys(fields).length === 0 ? [describeError(error), ...unmatched].join(" ") : "Some questions need attention before the flow can be saved.");
        openWithErrors(fields);
        focusFirst(fields);
      },
    });
  }

  return (
    <form ref={formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Qualification flow">
      <div className="switch-row">
        <div>
          <p className="cell-strong">{flow.enabled ? "The bot asks these questions" : "The bot doesn't ask qualification questions"}</p>
          <p className="muted small">
            {flow.enabled
              ? "After its first answer to a new contact, the bot asks each question in turn and scores the answers."
              : "Turn it on to ask new leads your questions and score them. Nothing changes until you save."}
          </p>
        </div>
        <label className="switch">
          <input type="checkbox" role="switch" checked={draft.enabled} disabled={!canEdit} onChange={(e) => edit({ enabled: e.target.checked })} />
          <span className="switch-track" aria-hidden="true" />
          <span className="visually-hidden">Ask qualification questions</span>
        </label>
      </div>
      {formError && <Alert>{formError}</Alert>}

      {canEdit && (
        <div className="preset-picker">
          {presets.isError ? (
            <p className="muted small">
              The presets couldn't be loaded.{" "}
              <button type="button" className="link-button" onClick={() => void presets.refetch()}>
                Try again
              </button>
            </p>
          ) : (
            <>
              <SelectField
                label="Preset language"
                name="presetLanguage"
                fieldClassName="preset-language"
                value={presetLanguage}
                onChange={(e) => setLanguage(e.target.value as PresetLanguage)}
                options={[
                  { value: "en", label: "English" },
                  { value: "id", label: "Indonesian" },
                ]}
              />
              <SelectField
                label="Start from a preset"
                name="preset"
                data-unsaved-ignore=""
                value={presetId}
                disabled={presets.isPending}
                onChange={(e) => setPresetId(e.target.value)}
                options={[{ value: "", label: presets.isPending ? "Loading presets…" : "Choose a preset…" }, ...(presets.data?.data ?? []).map((p) => ({ value: p.id, label: p.name }))]}
                hint={presets.data?.data.find((p) => p.id === presetId)?.description ?? "Ready-made questions for common businesses. You can change them afterwards."}
              />
              <Button onClick={pickPreset} disabled={!presetId}>
                Use preset
              </Button>
            </>
          )}
        </div>
      )}

      <fieldset className="fieldset" disabled={!canEdit}>
        <div className="stack">
          <h3 className="subheading">Questions</h3>
          {draft.steps.length === 0 ? (
            <div className="flow-empty">
              <p className="cell-strong">No questions yet</p>
              <p className="muted small">{canEdit ? "Start from a preset above or add your own questions. The bot asks them in this order." : "An owner or admin can add the questions the bot asks new leads."}</p>
            </div>
          ) : (
            <ol className="flow-steps" aria-label="Questions">
              {draft.steps.map((s, i) => (
                <FlowStepEditor
                  key={s.id}
                  step={s}
                  index={i}
                  count={draft.steps.length}
                  errors={errors}
                  canEdit={canEdit}
                  open={openSteps.has(s.id)}
                  onToggle={() => toggleStep(s.id)}
                  onChange={(next) => setStep(i, next)}
                  onMove={(d) => moveStep(i, d)}
                  onRemove={() => removeStep(i)}
                />
              ))}
            </ol>
          )}
          {errors.steps && (
            <p className="field-error" role="alert">
              <AlertIcon size={15} />
              {errors.steps}
            </p>
          )}
          {canEdit && (
            <div>
              <Button icon={<PlusIcon size={16} />} onClick={addStep} disabled={draft.steps.length >= MAX_STEPS}>
                Add a question
              </Button>
              {draft.steps.length >= MAX_STEPS && <span className="muted small"> A flow has at most {MAX_STEPS} questions.</span>}
            </div>
          )}
        </div>

        <h3 className="subheading">Scoring and completion</h3>
        <div className="form-grid">
          <TextField
            label="Qualified at (lead score)"
            name="qualifiedScore"
            type="number"
            inputMode="numeric"
            min={1}
            max={100}
            value={draft.qualifiedScore}
            onChange={(e) => edit({ qualifiedScore: e.target.value })}
            hint={`A contact whose score reaches this becomes “qualified”. These questions give up to ${maxScore} points.`}
            error={errors.qualifiedScore}
          />
        </div>
        <label className="checkbox-row">
          <input type="checkbox" checked={draft.handoffWhenQualified} onChange={(e) => edit({ handoffWhenQualified: e.target.checked })} />
          <span>Hand the conversation to a person when a lead is qualified</span>
        </label>
        <TextAreaField
          label="Completion message"
          name="completionMessage"
          optional
          rows={2}
          maxLength={1000}
          placeholder="e.g. Thank you! That helps us find the right places for you."
          value={draft.completionMessage}
          onChange={(e) => edit({ completionMessage: e.target.value })}
          hint="Sent once every question has an answer. Leave it empty for a built-in thank-you."
          error={errors.completionMessage}
        />
      </fieldset>

      {canEdit && (
        <div className="form-actions">
          {dirty && (
            <p className="muted small form-actions-note" role="status" data-unsaved-changes="">
              You have unsaved changes.
            </p>
          )}
          <Button type="submit" variant="primary" loading={save.isPending}>
            Save qualification flow
          </Button>
        </div>
      )}

      <ConfirmDialog
        open={replacing !== null}
        title="Replace your questions?"
        confirmLabel="Replace questions"
        tone="primary"
        onConfirm={() => replacing && applyPreset(replacing)}
        onCancel={() => setReplacing(null)}
      >
        The {replacing?.name} preset replaces the {draft.steps.length === 1 ? "question" : `${draft.steps.length} questions`} in the editor{dirty ? ", including changes you haven't saved" : ""}. Nothing is saved until you press Save.
      </ConfirmDialog>
    </form>
  );
}
