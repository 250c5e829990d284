import { useEffect, useMemo, useRef, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { TextField } from "../../../components/ui/field";
import { AlertIcon } from "../../../components/ui/icons";
import { isApiError } from "../../../lib/api";
import { describeError, fieldMessage } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useTemplates } from "../../conversations/api/list-templates";
import { useSendTemplate } from "../../conversations/api/send-template";
import { formatBytes, headerAcceptedTypes, headerFileDescription, headerFileProblem, uploadMedia, type HeaderFileKind } from "../../conversations/api/upload-media";
import { missingSlots, sendComponents, templateShape } from "../template-params";
import { PreviewText } from "./template-preview-text";

const FIELD_LABELS: Record<string, string> = { name: "Template", language: "Language" };

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const KIND_NOUN: Record<HeaderFileKind, string> = { image: "photo", video: "video", document: "document" };

/** The file a template's image, video or document header shows: chosen with a button (keyboard-friendly), checked before upload. */
function HeaderFileField(props: { kind: HeaderFileKind; file: File | null; error: string | null; disabled: boolean; onPick: (f: File | undefined) => void; onRemove: () => void }) {
  const { kind, file, error, disabled } = props;
  const input = useRef<HTMLInputElement>(null);
  const noun = KIND_NOUN[kind];
  return (
    <div className={error ? "field field-invalid template-header-file" : "field template-header-file"} role="group" aria-labelledby="template-header-label" aria-describedby={error ? "template-header-error" : "template-header-hint"}>
      <span className="field-label" id="template-header-label">
        Header {noun}
      </span>
      <p className="field-hint" id="template-header-hint">
        This template starts with {headerFileDescription(kind)}, shown above the text.
      </p>
      <input
        ref={input}
        type="file"
        hidden
        accept={headerAcceptedTypes(kind)}
        aria-label={`Header ${noun}`}
        data-testid="template-header-file"
        onChange={(e) => {
          props.onPick(e.target.files?.[0]);
          e.target.value = "";
        }}
      />
      {file && (
        <div className="composer-attachment">
          <span>
            <strong>{file.name}</strong> <span className="muted small">{formatBytes(file.size)}</span>
          </span>
          <Button size="sm" variant="ghost" onClick={props.onRemove} aria-label={`Remove ${file.name}`} disabled={disabled}>
            Remove
          </Button>
        </div>
      )}
      <div>
        <Button size="sm" onClick={() => input.current?.click()} disabled={disabled}>
          {file ? `Choose another ${noun}` : `Choose ${noun}`}
        </Button>
      </div>
      {error && (
        <p id="template-header-error" className="field-error" role="alert">
          <AlertIcon size={15} />
          {error}
        </p>
      )}
    </div>
  );
}

/** Shown instead of the text box when the 24-hour window is closed. */
export function TemplatePicker({ conversationId }: { conversationId: string }) {
  const templates = useTemplates();
  const send = useSendTemplate(conversationId);
  const [choice, setChoice] = useState("");
  const [values, setValues] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  /** After a refusal: focus the first value still to fill once the reloaded template shows it. */
  const [refocus, setRefocus] = useState(false);
  // The header's image, video or document: checked here, uploaded when the template is sent (once per file).
  const [headerFile, setHeaderFile] = useState<File | null>(null);
  const [headerProblem, setHeaderProblem] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<{ file: File; id: string } | null>(null);
  const [uploading, setUploading] = useState(false);
  const list = templates.data?.data ?? [];
  const selected = list.find((t) => t.id === choice) ?? null;
  const shape = useMemo(() => (selected ? templateShape(selected) : null), [selected]);
  const missing = shape ? missingSlots(shape, values) : [];
  const needsFile = Boolean(shape?.headerFile) && !headerFile;

  // The server names the field it refused: the values (their count no longer matches) or the template itself.
  const fieldErrors = isApiError(send.error) && send.error.status < 500 ? send.error.fieldErrors : {};
  const serverField = (path: string) => (fieldErrors[path] ? fieldMessage(FIELD_LABELS[path] ?? path, fieldErrors[path]) : undefined);
  // "template "x" takes 3 body parameter(s); 2 given": the template changed since the list was loaded.
  const valuesError = fieldErrors.components ? `${capitalize(fieldErrors.components)}. Fill in every value and send again.` : undefined;
  const choiceError = serverField("name") ?? serverField("language");
  const headerError = headerProblem ?? (fieldErrors.headerMediaId ? `The header file: ${fieldErrors.headerMediaId}.` : null);
  const otherError = send.error && !valuesError && !choiceError && !fieldErrors.headerMediaId ? describeError(send.error) : null;

  useEffect(() => {
    if (!refocus) return;
    const inputs = Array.from(formRef.current?.querySelectorAll<HTMLInputElement>(".template-values input") ?? []);
    const empty = inputs.find((i) => !i.value.trim());
    if (!empty) return; // the reloaded template has not rendered yet
    empty.focus();
    setRefocus(false);
  }, [refocus, shape]);

  // The template's header changed kind (reloaded after a refusal): a file of the old kind cannot stay chosen.
  const headerKind = shape?.headerFile ?? null;
  useEffect(() => {
    if (!headerFile) return;
    const problem = headerKind ? headerFileProblem(headerFile, headerKind) : null;
    if (!headerKind || problem) {
      setHeaderFile(null);
      setHeaderProblem(problem);
    }
  }, [headerKind, headerFile]);

  function choose(id: string) {
    setRefocus(false);
    setChoice(id);
    setValues({});
    setHeaderFile(null);
    setHeaderProblem(null);
    send.reset();
  }

  function pickHeader(file: File | undefined, kind: HeaderFileKind) {
    if (!file) return;
    send.reset();
    const problem = headerFileProblem(file, kind);
    setHeaderProblem(problem);
    setHeaderFile(problem ? null : file);
  }

  /** The header file's media id: uploaded now, or the upload of this same file from an earlier try. */
  async function headerMediaId(file: File): Promise<string | null> {
    if (uploaded?.file === file) return uploaded.id;
    setUploading(true);
    try {
      const up = await uploadMedia(file);
      setUploaded({ file, id: up.id });
      return up.id;
    } catch (err) {
      setHeaderProblem(isApiError(err) && err.fieldErrors.file ? `The file ${err.fieldErrors.file}.` : describeError(err));
      return null;
    } finally {
      setUploading(false);
    }
  }

  return (
    <div className="template-picker">
      <Alert tone="info" title="The 24-hour window is closed">
        WhatsApp only allows approved templates until the customer writes again.
      </Alert>
      {templates.isPending ? (
        <p className="muted small">Loading templates…</p>
      ) : templates.isError ? (
        <Alert>
          Couldn't load templates. <Button size="sm" onClick={() => void templates.refetch()}>Try again</Button>
        </Alert>
      ) : list.length === 0 ? (
        <p className="muted small">No approved templates yet. Sync them from your Meta channel or create one, then come back to re-open the conversation.</p>
      ) : (
        <form
          ref={formRef}
          className="template-form"
          aria-label="Send a template"
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            if (!selected || !shape || missing.length > 0 || needsFile || uploading || send.isPending) return;
            const components = sendComponents(shape, values);
            let mediaId: string | null = null;
            if (shape.headerFile && headerFile) {
              mediaId = await headerMediaId(headerFile);
              if (!mediaId) return;
            }
            send.mutate(
              { name: selected.name, language: selected.language, ...(components ? { components } : {}), ...(mediaId ? { headerMediaId: mediaId } : {}) },
              {
                onSuccess: () => {
                  toast({ tone: "success", title: `Template “${selected.name}” sent` });
                  setValues({});
                  setHeaderFile(null);
                },
                onError: (err) => {
                  if (isApiError(err) && err.fieldErrors.headerMediaId) {
                    // The file was refused (the template's header may have changed, or the file is gone):
                    // show the template as it is now; the next try uploads the chosen file again.
                    setUploaded(null);
                    void templates.refetch();
                    return;
                  }
                  if (!isApiError(err) || !err.fieldErrors.components) return;
                  // The template changed since the list was loaded: show its current placeholders and go to the first empty one.
                  setRefocus(true);
                  void templates.refetch();
                },
              },
            );
          }}
        >
          <div className={choiceError ? "field field-invalid" : "field"}>
            <label className="field-label" htmlFor="template-choice">
              Template
            </label>
            <select
              id="template-choice"
              className="input select"
              value={choice}
              onChange={(e) => choose(e.target.value)}
              aria-invalid={choiceError ? true : undefined}
              aria-describedby={choiceError ? "template-choice-error" : undefined}
            >
              <option value="">Choose a template…</option>
              {list.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} ({t.language})
                </option>
              ))}
            </select>
            {choiceError && (
              <p id="template-choice-error" className="field-error">
                <AlertIcon size={15} />
                {choiceError}
              </p>
            )}
          </div>
          {shape && (shape.header || shape.headerFile || shape.body || shape.footer) && (
            <div className="template-preview" aria-label="Preview" role="group">
              {shape.headerFile && (
                <p className="template-preview-header">
                  [{KIND_NOUN[shape.headerFile]}: {headerFile ? headerFile.name : "not chosen yet"}]
                </p>
              )}
              {shape.header && (
                <p className="template-preview-header">
                  <PreviewText section="header" text={shape.header} values={values} />
                </p>
              )}
              {shape.body && (
                <p>
                  <PreviewText section="body" text={shape.body} values={values} />
                </p>
              )}
              {shape.footer && <p className="template-preview-footer">{shape.footer}</p>}
            </div>
          )}
          {shape?.headerFile && (
            <HeaderFileField
              kind={shape.headerFile}
              file={headerFile}
              error={headerError}
              disabled={uploading || send.isPending}
              onPick={(f) => pickHeader(f, shape.headerFile!)}
              onRemove={() => {
                setHeaderFile(null);
                setHeaderProblem(null);
                send.reset();
              }}
            />
          )}
          {shape && shape.slots.length > 0 && (
            <fieldset className="template-values" aria-describedby={valuesError ? "template-values-error" : undefined}>
              <legend className="field-label">Fill in the template</legend>
              <div className="template-values-grid">
                {shape.slots.map((slot) => (
                  <TextField
                    key={slot.id}
                    label={slot.label}
                    name={slot.id}
                    maxLength={1024}
                    autoComplete="off"
                    value={values[slot.id] ?? ""}
                    onChange={(e) => {
                      setValues((v) => ({ ...v, [slot.id]: e.target.value }));
                      if (send.error) send.reset();
                    }}
                  />
                ))}
              </div>
              {valuesError && (
                <p id="template-values-error" className="field-error" role="alert">
                  <AlertIcon size={15} />
                  {valuesError}
                </p>
              )}
            </fieldset>
          )}
          {otherError && <Alert>{otherError}</Alert>}
          <div className="template-actions">
            {selected && (missing.length > 0 || needsFile) && (
              <p className="muted small" id="template-missing">
                {missing.length > 0 && `Fill in ${missing.length === 1 ? "1 more value" : `${missing.length} more values`}`}
                {missing.length > 0 && needsFile && " and choose "}
                {missing.length === 0 && needsFile && "Choose "}
                {needsFile && `the header ${KIND_NOUN[shape!.headerFile!]}`} to send.
              </p>
            )}
            <Button
              type="submit"
              variant="primary"
              disabled={!selected || missing.length > 0 || needsFile}
              loading={send.isPending || uploading}
              aria-describedby={selected && (missing.length > 0 || needsFile) ? "template-missing" : undefined}
            >
              Send template
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
