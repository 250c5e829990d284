import { useMemo, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { SelectField, TextField } from "../../../components/ui/field";
import { TextAreaField } from "../../../components/ui/textarea-field";
import { api } from "../../../lib/api";
import { describeError } from "../../../lib/form";
import { paths } from "../../../lib/paths";
import { toast } from "../../../lib/toast";
import { useChannels } from "../../channels/api/list-channels";
import { useTags } from "../../contacts/api/list-tags";
import { useTemplates } from "../../conversations/api/list-templates";
import type { Template } from "../../conversations/api/types";
import { ATTACHMENT_RULES, attachmentProblem, formatBytes, uploadMedia, type UploadedMedia } from "../../conversations/api/upload-media";
import { useCreateCampaign, usePreview, useTestSend, type Audience, type CampaignMessage, type Parameter } from "../api";
import "../campaigns.css";

const STEPS = ["Audience", "Message", "Schedule and rate", "Review"] as const;
const FIELD_OPTIONS = [
  { value: "", label: "Fixed text" },
  { value: "name", label: "Contact name" },
  { value: "phone", label: "Phone number" },
  { value: "email", label: "Email" },
  { value: "stage", label: "Stage" },
];

interface ParamDraft {
  field: string;
  value: string;
}

const FILE_HEADERS: Record<string, { kind: "image" | "video" | "document"; label: string; accept: string }> = {
  IMAGE: { kind: "image", label: "Header photo", accept: "image/jpeg,image/png" },
  VIDEO: { kind: "video", label: "Header video", accept: "video/mp4,video/3gpp" },
  DOCUMENT: { kind: "document", label: "Header document", accept: ATTACHMENT_RULES.find((r) => r.label === "document")!.types.join(",") },
};

/** The template's header, when it is an image, video or document the campaign must supply. */
function fileHeader(t: Template | undefined) {
  const header = t?.components.find((c) => String(c.type).toUpperCase() === "HEADER");
  return header ? (FILE_HEADERS[String(header.format ?? "").toUpperCase()] ?? null) : null;
}

function bodyText(t: Template | undefined): string {
  const body = t?.components.find((c) => String(c.type).toUpperCase() === "BODY");
  return typeof body?.text === "string" ? body.text : "";
}
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!))];

/** Numbers from pasted text or a CSV file: the first cell of each line that looks like a phone number. */
function phonesFrom(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.split(/[,;\t]/).find((cell) => /\d{6,}/.test(cell.replace(/\D/g, ""))) ?? "")
    .map((s) => s.trim().replace(/^"|"$/g, ""))
    .filter(Boolean);
}

const list = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

export function CreateCampaign() {
  const navigate = useNavigate();
  const channels = useChannels();
  const tags = useTags();
  const templates = useTemplates();
  const create = useCreateCampaign();
  const [step, setStep] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const [name, setName] = useState("");
  const [channelId, setChannelId] = useState("");
  const [selectedTags, setSelectedTags] = useState<string[]>([]);
  const [stages, setStages] = useState("");
  const [minScore, setMinScore] = useState("");
  const [maxScore, setMaxScore] = useState("");
  const [activeDays, setActiveDays] = useState("");
  const [phonesText, setPhonesText] = useState("");

  const [kind, setKind] = useState<"template" | "text">("template");
  const [templateId, setTemplateId] = useState("");
  const [params, setParams] = useState<ParamDraft[]>([]);
  const [text, setText] = useState("");
  const [headerFile, setHeaderFile] = useState<UploadedMedia | null>(null);

  const [when, setWhen] = useState<"now" | "later">("now");
  const [scheduledAt, setScheduledAt] = useState("");
  const [rate, setRate] = useState("");
  const [quiet, setQuiet] = useState(false);
  const [quietStart, setQuietStart] = useState("21:00");
  const [quietEnd, setQuietEnd] = useState("08:00");

  const usable = (channels.data?.data ?? []).filter((c) => c.status !== "disconnected");
  const channel = usable.find((c) => c.id === channelId) ?? usable[0];
  const effectiveChannelId = channel?.id ?? "";
  const channelTemplates = (templates.data?.data ?? []).filter((t) => (channel?.type === "meta" ? t.channelId === channel.id : t.channelId === null));
  const template = channelTemplates.find((t) => t.id === templateId) ?? channelTemplates[0];
  const slots = placeholders(bodyText(template));
  const header = fileHeader(template);
  const headerMedia = header && headerFile && headerFile.type === header.kind ? { mediaId: headerFile.id } : null;

  const audience: Audience = useMemo(() => {
    const a: Audience = {};
    if (selectedTags.length) a.tags = selectedTags;
    if (list(stages).length) a.stages = list(stages).map((s) => s.toLowerCase());
    if (minScore !== "") a.minScore = Number(minScore);
    if (maxScore !== "") a.maxScore = Number(maxScore);
    if (activeDays !== "") a.activeWithinDays = Number(activeDays);
    const phones = phonesFrom(phonesText);
    if (phones.length) a.phones = phones;
    return a;
  }, [selectedTags, stages, minScore, maxScore, activeDays, phonesText]);

  const parameters: Parameter[] = slots.map((_, i) => {
    const p = params[i] ?? { field: "name", value: "there" };
    return p.field ? { field: p.field, fallback: p.value || "there" } : { text: p.value || "-" };
  });
  const templateParameters = header ? (headerMedia ? { header: headerMedia, ...(slots.length ? { body: parameters } : {}) } : null) : slots.length ? parameters : undefined;
  const message: CampaignMessage | null =
    kind === "text"
      ? text.trim()
        ? { text: text.trim() }
        : null
      : template && templateParameters !== null
        ? { template: { name: template.name, language: template.language, ...(templateParameters ? { parameters: templateParameters } : {}) } }
        : null;

  const preview = usePreview(effectiveChannelId ? { channelId: effectiveChannelId, audience, ...(message ? { message } : {}) } : null);
  const rendered =
    kind === "text"
      ? text
      : bodyText(template).replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_, n: string) => {
          const p = params[slots.indexOf(n)] ?? { field: "name", value: "there" };
          return p.field ? `[${FIELD_OPTIONS.find((f) => f.value === p.field)?.label ?? p.field} or “${p.value || "there"}”]` : p.value || "-";
        });

  const defaultRate = channel?.type === "waha" ? "one every 4–6 seconds" : channel?.type === "sandbox" ? "20 a second" : "the number's limit";

  function validate(): string | null {
    if (step === 0) {
      if (!name.trim()) return "Give the campaign a name.";
      if (!effectiveChannelId) return "Connect a channel first.";
      if (minScore !== "" && maxScore !== "" && Number(minScore) > Number(maxScore)) return "The minimum score must not be above the maximum.";
    }
    if (step === 1 && !message) return kind === "text" ? "Write the message." : template && header ? `Choose the ${header.label.toLowerCase()} for this template.` : "Choose an approved template.";
    if (step === 2 && when === "later" && !scheduledAt) return "Pick when to send.";
    return null;
  }

  function next(e: FormEvent) {
    e.preventDefault();
    const problem = validate();
    setError(problem);
    if (!problem) setStep((s) => Math.min(STEPS.length - 1, s + 1));
  }

  async function submit(start: boolean) {
    if (!message) return;
    setError(null);
    try {
      const created = await create.mutateAsync({
        name: name.trim(),
        channelId: effectiveChannelId,
        audience,
        message,
        ...(rate ? { ratePerSecond: Number(rate) } : {}),
        ...(when === "later" && scheduledAt ? { scheduledAt: new Date(scheduledAt).toISOString() } : {}),
        quietHours: quiet ? { start: quietStart, end: quietEnd, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone } : null,
      });
      if (start) await api.post(`/api/campaigns/${created.id}/start`);
      toast({ tone: "success", title: start ? (when === "later" ? "Campaign scheduled" : "Campaign started") : "Draft saved" });
      void navigate(paths.campaign(created.id));
    } catch (err) {
      setError(describeError(err));
    }
  }

  const counts = preview.data;
  return (
    <Card>
      <ol className="steps" aria-label="Steps">
        {STEPS.map((s, i) => (
          <li key={s} className="step" aria-current={i === step ? "step" : undefined}>
            {s}
          </li>
        ))}
      </ol>
      <form onSubmit={next} noValidate aria-label={STEPS[step]}>
        {step === 0 && (
          <div className="stack">
            <div className="form-grid">
              <TextField label="Campaign name" name="name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
              <SelectField
                label="Send from"
                name="channelId"
                value={effectiveChannelId}
                onChange={(e) => setChannelId(e.target.value)}
                options={usable.map((c) => ({ value: c.id, label: `${c.name}${c.phoneNumber ? ` (${c.phoneNumber})` : ""}` }))}
              />
            </div>
            <fieldset className="fieldset compact">
              <legend className="field-label">Tags (any of)</legend>
              {(tags.data?.data ?? []).length === 0 ? (
                <p className="muted small">No tags yet.</p>
              ) : (
                <div className="button-row">
                  {(tags.data?.data ?? []).map((t) => (
                    <label key={t.id} className="checkbox-row">
                      <input
                        type="checkbox"
                        checked={selectedTags.includes(t.name)}
                        onChange={(e) => setSelectedTags((s) => (e.target.checked ? [...s, t.name] : s.filter((x) => x !== t.name)))}
                      />{" "}
                      {t.name} ({t.contactCount})
                    </label>
                  ))}
                </div>
              )}
            </fieldset>
            <div className="form-grid">
              <TextField label="Stages" name="stages" hint="Comma-separated, e.g. new, qualified" value={stages} onChange={(e) => setStages(e.target.value)} optional />
              <TextField label="Lowest lead score" name="minScore" type="number" min={0} max={100} value={minScore} onChange={(e) => setMinScore(e.target.value)} optional />
              <TextField label="Highest lead score" name="maxScore" type="number" min={0} max={100} value={maxScore} onChange={(e) => setMaxScore(e.target.value)} optional />
              <TextField label="Wrote within (days)" name="activeDays" type="number" min={1} value={activeDays} onChange={(e) => setActiveDays(e.target.value)} optional />
            </div>
            <TextAreaField
              label="Only these numbers"
              name="phones"
              hint="Paste numbers or a CSV column, one per line; or choose a CSV file below. Numbers must already be contacts."
              value={phonesText}
              onChange={(e) => setPhonesText(e.target.value)}
              rows={3}
              optional
            />
            <div className="field">
              <label className="field-label" htmlFor="phones-file">
                CSV file of numbers
              </label>
              <input id="phones-file" type="file" accept=".csv,text/csv,text/plain" onChange={async (e) => setPhonesText((await e.target.files?.[0]?.text()) ?? phonesText)} />
            </div>
            <AudienceSummary preview={counts} loading={preview.isFetching} error={preview.error} template={kind === "template" && !!message} />
          </div>
        )}
        {step === 1 && (
          <div className="stack">
            <fieldset className="fieldset compact">
              <legend className="field-label">Message type</legend>
              <label className="checkbox-row">
                <input type="radio" name="kind" checked={kind === "template"} onChange={() => setKind("template")} /> Approved template (reaches everyone)
              </label>
              <label className="checkbox-row">
                <input type="radio" name="kind" checked={kind === "text"} onChange={() => setKind("text")} /> Free text (only people who wrote in the last 24 hours)
              </label>
            </fieldset>
            {kind === "template" ? (
              channelTemplates.length === 0 ? (
                <Alert tone="info">No approved templates for this channel yet. Create one under Bot studio or sync them from Meta, or send free text.</Alert>
              ) : (
                <>
                  <SelectField
                    label="Template"
                    name="template"
                    value={template?.id ?? ""}
                    onChange={(e) => {
                      setTemplateId(e.target.value);
                      setParams([]);
                      setHeaderFile(null);
                    }}
                    options={channelTemplates.map((t) => ({ value: t.id, label: `${t.name} (${t.language})` }))}
                  />
                  {header && <HeaderFilePicker header={header} file={headerFile} onChange={setHeaderFile} />}
                  {slots.map((slot, i) => {
                    const p = params[i] ?? { field: "name", value: "there" };
                    const set = (patch: Partial<ParamDraft>) => setParams((all) => slots.map((_, j) => (j === i ? { ...p, ...patch } : (all[j] ?? { field: "name", value: "there" }))));
                    return (
                      <div key={slot} className="param-row">
                        <SelectField label={`Variable {{${slot}}}`} name={`param-${i}`} value={p.field} onChange={(e) => set({ field: e.target.value })} options={FIELD_OPTIONS} />
                        <TextField label={p.field ? `Fallback for {{${slot}}}` : `Text for {{${slot}}}`} name={`value-${i}`} value={p.value} onChange={(e) => set({ value: e.target.value })} />
                      </div>
                    );
                  })}
                </>
              )
            ) : (
              <TextAreaField label="Message text" name="text" value={text} onChange={(e) => setText(e.target.value)} rows={4} maxLength={4096} />
            )}
            <div>
              <p className="field-label">Preview</p>
              <p className="message-preview" aria-label="Message preview">
                {rendered || "Nothing to preview yet."}
              </p>
            </div>
            <TestSend channelId={effectiveChannelId} message={message} />
            <AudienceSummary preview={counts} loading={preview.isFetching} error={preview.error} template={kind === "template" && !!message} />
          </div>
        )}
        {step === 2 && (
          <div className="stack">
            <fieldset className="fieldset compact">
              <legend className="field-label">When</legend>
              <label className="checkbox-row">
                <input type="radio" name="when" checked={when === "now"} onChange={() => setWhen("now")} /> Start now
              </label>
              <label className="checkbox-row">
                <input type="radio" name="when" checked={when === "later"} onChange={() => setWhen("later")} /> Schedule
              </label>
            </fieldset>
            {when === "later" && <TextField label="Send at (your time)" name="scheduledAt" type="datetime-local" value={scheduledAt} onChange={(e) => setScheduledAt(e.target.value)} />}
            <TextField
              label="Messages per second"
              name="rate"
              type="number"
              min={0.1}
              step="any"
              value={rate}
              onChange={(e) => setRate(e.target.value)}
              hint={`Empty: ${defaultRate}. Slower is safer for new numbers.`}
              optional
            />
            <label className="checkbox-row">
              <input type="checkbox" checked={quiet} onChange={(e) => setQuiet(e.target.checked)} /> Don't send during quiet hours
            </label>
            {quiet && (
              <div className="form-grid">
                <TextField label="Quiet from" name="quietStart" type="time" value={quietStart} onChange={(e) => setQuietStart(e.target.value)} />
                <TextField label="Quiet until" name="quietEnd" type="time" value={quietEnd} onChange={(e) => setQuietEnd(e.target.value)} />
              </div>
            )}
          </div>
        )}
        {step === 3 && (
          <div className="stack">
            <dl className="review">
              <dt>Name</dt>
              <dd>{name}</dd>
              <dt>From</dt>
              <dd>{channel?.name}</dd>
              <dt>Recipients</dt>
              <dd>{counts ? `${counts.audienceCount} contacts` : "…"}</dd>
              <dt>Message</dt>
              <dd>{kind === "template" ? `Template ${template?.name ?? ""}` : "Free text"}</dd>
              <dt>When</dt>
              <dd>{when === "now" ? "As soon as you start it" : scheduledAt ? new Date(scheduledAt).toLocaleString() : "—"}</dd>
              <dt>Pace</dt>
              <dd>{rate ? `${rate} a second` : defaultRate}</dd>
              {quiet && (
                <>
                  <dt>Quiet hours</dt>
                  <dd>
                    {quietStart}–{quietEnd}
                  </dd>
                </>
              )}
            </dl>
            <p className="message-preview">{rendered}</p>
          </div>
        )}
        {error && (
          <Alert title="Can't continue">
            {error}
          </Alert>
        )}
        <div className="wizard-actions">
          <Button onClick={() => (step === 0 ? void navigate(paths.campaigns) : setStep(step - 1))} disabled={create.isPending}>
            {step === 0 ? "Cancel" : "Back"}
          </Button>
          {step < STEPS.length - 1 ? (
            <Button type="submit" variant="primary">
              Next: {STEPS[step + 1]}
            </Button>
          ) : (
            <div className="button-row">
              <Button onClick={() => void submit(false)} disabled={create.isPending}>
                Save draft
              </Button>
              <Button variant="primary" onClick={() => void submit(true)} loading={create.isPending}>
                {when === "later" ? "Schedule campaign" : "Start sending"}
              </Button>
            </div>
          )}
        </div>
      </form>
    </Card>
  );
}

function AudienceSummary({ preview, loading, error, template }: { preview: ReturnType<typeof usePreview>["data"]; loading: boolean; error: unknown; template: boolean }) {
  if (error) return <Alert>{describeError(error)}</Alert>;
  if (!preview) return <p className="muted">{loading ? "Counting…" : ""}</p>;
  const x = preview.excluded;
  return (
    <section aria-label="Audience" aria-live="polite" aria-busy={loading}>
      <p className="audience-count">{preview.audienceCount} recipients</p>
      <ul className="exclusions">
        <li>{x.optedOut} opted out (never messaged)</li>
        <li>{x.invalid} without a valid number</li>
        <li>{x.duplicate} duplicates</li>
        {!template && <li>{x.needsTemplate} outside the 24-hour window (need a template)</li>}
        {x.unknown > 0 && <li>{x.unknown} numbers that are not contacts</li>}
      </ul>
    </section>
  );
}

/** Send the message as it stands to one number (the owner's own phone, say) before sending it to everyone. */
function TestSend({ channelId, message }: { channelId: string; message: CampaignMessage | null }) {
  const send = useTestSend();
  const [phone, setPhone] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const disabled = !channelId || !message || !phone.trim();
  const go = () => {
    if (disabled) return;
    setSentTo(null);
    send.mutate({ channelId, message: message!, phone: phone.trim() }, { onSuccess: () => setSentTo(phone.trim()) });
  };
  return (
    <section className="test-send" aria-label="Test send">
      <div className="test-send-row">
        <TextField
          label="Send a test to"
          name="testPhone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          placeholder="+62 812 3456 7890"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              go();
            }
          }}
          hint="One number, now. It is not a recipient and not counted; numbers that opted out are refused."
          optional
        />
        <Button onClick={go} disabled={disabled} loading={send.isPending}>
          Send test
        </Button>
      </div>
      <div aria-live="polite">
        {sentTo && !send.isPending && <p className="test-send-ok">Test sent to {sentTo}. Follow it in the inbox.</p>}
        {send.error && <Alert title="Test not sent">{describeError(send.error)}</Alert>}
      </div>
    </section>
  );
}

/** The file an image, video or document header shows: checked like WhatsApp would, then uploaded. */
function HeaderFilePicker({ header, file, onChange }: { header: NonNullable<ReturnType<typeof fileHeader>>; file: UploadedMedia | null; onChange: (f: UploadedMedia | null) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const pick = async (picked: File | undefined) => {
    if (!picked) return;
    setProblem(null);
    const wrong = attachmentProblem(picked) ?? (header.accept.split(",").includes(picked.type.toLowerCase()) ? null : `This template's header needs ${header.kind === "image" ? "a JPEG or PNG photo" : header.kind === "video" ? "an MP4 video" : "a document (PDF, Word, Excel, PowerPoint or text)"}.`);
    if (wrong) {
      onChange(null);
      setProblem(wrong);
      return;
    }
    setUploading(true);
    try {
      onChange(await uploadMedia(picked));
    } catch (err) {
      onChange(null);
      setProblem(describeError(err));
    } finally {
      setUploading(false);
    }
  };
  return (
    <div className="field">
      <label className="field-label" htmlFor="header-file">
        {header.label}
      </label>
      <input id="header-file" type="file" accept={header.accept} className="input" aria-describedby="header-file-hint" onChange={(e) => void pick(e.target.files?.[0])} disabled={uploading} />
      <p id="header-file-hint" className="field-hint" aria-live="polite">
        {uploading ? "Uploading…" : file ? `${file.fileName ?? "File"} (${formatBytes(file.size)}) — sent as the template's header` : "Required: every recipient gets this file at the top of the message."}
      </p>
      {problem && <Alert title="File not accepted">{problem}</Alert>}
    </div>
  );
}
