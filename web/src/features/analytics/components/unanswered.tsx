import { useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { TextField } from "../../../components/ui/field";
import { Skeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { TextAreaField } from "../../../components/ui/textarea-field";
import { formatRelative } from "../../../lib/format";
import { useForm } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useAnswerQuestion, useUnanswered, type Range, type UnansweredQuestion } from "../api";

/** The questions the assistant could not answer, most asked first, each one a click away from the knowledge. */
export function UnansweredQuestions({ range, canTeach }: { range: Range; canTeach: boolean }) {
  const list = useUnanswered(range);
  const [teaching, setTeaching] = useState<UnansweredQuestion | null>(null);
  if (list.isPending)
    return (
      <div role="status" aria-label="Loading questions">
        <Skeleton height={18} width="80%" />
        <Skeleton height={18} width="60%" />
      </div>
    );
  if (list.isError) return <ErrorState error={list.error} what="the questions" onRetry={() => void list.refetch()} retrying={list.isFetching} />;
  if (!list.data.data.length)
    return (
      <EmptyState title="No unanswered questions in this period">
        When a customer asks something your knowledge doesn't cover, the question appears here with how often it was asked, so you know what to
        teach the assistant next.
      </EmptyState>
    );
  return (
    <>
      <ul className="question-list" aria-label="Unanswered questions">
        {list.data.data.map((q) => (
          <li key={q.question}>
            <div>
              <div className="question-text">{q.question}</div>
              <div className="muted small">
                Asked {q.count === 1 ? "once" : `${q.count} times`} · last asked {formatRelative(q.lastAskedAt)}
              </div>
            </div>
            {canTeach && (
              <Button size="sm" onClick={() => setTeaching(q)} aria-label={`Add to knowledge: ${q.question}`}>
                Add to knowledge
              </Button>
            )}
          </li>
        ))}
      </ul>
      {teaching && <TeachDialog question={teaching} onClose={() => setTeaching(null)} />}
    </>
  );
}

const LABELS = { title: "Question or topic", content: "Answer" };

function TeachDialog({ question, onClose }: { question: UnansweredQuestion; onClose: () => void }) {
  const answer = useAnswerQuestion();
  const form = useForm(LABELS);
  const [title, setTitle] = useState(question.question.slice(0, 200));
  const [content, setContent] = useState("");

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const ok = form.check({
      title: title.trim() ? undefined : "Write the question customers ask, or a short topic",
      content: content.trim() ? undefined : "Write the answer the assistant should give",
    });
    if (!ok) return;
    answer.mutate(
      { question: question.question, title: title.trim(), content: content.trim() },
      {
        onSuccess: () => {
          toast({ tone: "success", title: "Added to knowledge", description: "The assistant answers this question from now on." });
          onClose();
        },
        onError: form.showServerError,
      },
    );
  }

  return (
    <Dialog
      open
      onClose={() => !answer.isPending && onClose()}
      title="Add to knowledge"
      size="md"
      closeOnBackdrop={false}
      description={`Customers asked this ${question.count === 1 ? "once" : `${question.count} times`}. Write the answer once and the assistant uses it from now on; the question leaves this list.`}
    >
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Add to knowledge">
        {form.formError && <Alert>{form.formError}</Alert>}
        <TextField
          label={LABELS.title}
          name="title"
          value={title}
          maxLength={200}
          onChange={(e) => {
            setTitle(e.target.value);
            form.clearError("title");
          }}
          error={form.errors.title}
          required
        />
        <TextAreaField
          label={LABELS.content}
          name="content"
          rows={6}
          value={content}
          onChange={(e) => {
            setContent(e.target.value);
            form.clearError("content");
          }}
          error={form.errors.content}
          hint="Include the facts customers need: prices, times, addresses. The assistant never invents numbers."
          required
        />
        <div className="form-actions">
          <Button onClick={onClose} disabled={answer.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={answer.isPending}>
            Add to knowledge
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
