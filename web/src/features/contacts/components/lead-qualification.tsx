import { Badge } from "../../../components/ui/badge";
import { CheckIcon } from "../../../components/ui/icons";
import { Skeleton } from "../../../components/ui/skeleton";
import { ErrorState } from "../../../components/ui/states";
import { useContactQualification } from "../api/get-contact-qualification";
import type { ContactQualification, LeadBand, ScoreBreakdownItem } from "../api/types";
import "../qualification.css";

export const BAND_LABELS: Record<LeadBand, string> = { hot: "Hot", warm: "Warm", cold: "Cold" };
const BAND_TONES = { hot: "danger", warm: "warning", cold: "neutral" } as const;

const COMPONENT_LABELS: Record<ScoreBreakdownItem["component"], string> = {
  qualification: "Qualification answers",
  engagement: "Engagement",
  intent: "Buying signals",
  sentiment: "Sentiment",
  booking: "Booking",
  basicInfo: "Basic info",
  documents: "Documents",
};

/**
 * The lead score and where it comes from: each weighted component with the
 * points it adds and why, then the answers to the qualification flow.
 */
export function LeadQualification({ contactId, headingLevel = 3 }: { contactId: string; headingLevel?: 2 | 3 }) {
  const q = useContactQualification(contactId);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="lead stack-sm" aria-label="Lead score">
      <Heading className={headingLevel === 2 ? "card-title" : "subheading"}>Lead score</Heading>
      {q.isPending ? (
        <div className="stack-sm" role="status" aria-label="Loading the lead score">
          <Skeleton height={20} width="50%" />
          <Skeleton height={36} />
        </div>
      ) : q.isError ? (
        <ErrorState error={q.error} what="the lead score" onRetry={() => void q.refetch()} retrying={q.isFetching} />
      ) : (
        <LeadScoreBody q={q.data} />
      )}
    </section>
  );
}

export function LeadScoreBody({ q }: { q: ContactQualification }) {
  const qualified = q.qualificationScore >= q.qualifiedScore;
  const score = Math.max(0, Math.min(100, q.leadScore));
  return (
    <>
      <div className="lead-score">
        <p className="lead-score-value">
          <strong>{score}</strong>
          <span className="muted"> / 100</span>
        </p>
        <span className="lead-score-bar" aria-hidden="true">
          <span style={{ width: `${score}%` }} />
        </span>
        <Badge tone={BAND_TONES[q.leadBand]}>{BAND_LABELS[q.leadBand]} lead</Badge>
      </div>
      {q.scoreBreakdown.length === 0 ? (
        <p className="muted small lead-empty">No score yet — it is worked out from this contact’s messages as they arrive.</p>
      ) : (
        <ul className="lead-answers" aria-label="Score breakdown">
          {q.scoreBreakdown.map((b) => (
            <li key={b.component} className="lead-answer">
              <span className="lead-answer-label">{COMPONENT_LABELS[b.component]}</span>
              <span className="lead-answer-value lead-detail">{b.detail}</span>
              <span className="lead-answer-points">
                {b.points} / {b.weight}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="lead-score lead-qualification-head">
        <p className="small lead-empty lead-qualification-value">
          Qualification answers: <strong>{q.qualificationScore}</strong> / 100
        </p>
        {qualified ? (
          <Badge tone="success" icon={<CheckIcon size={13} />}>
            Qualified
          </Badge>
        ) : (
          <span className="muted small">Qualified at {q.qualifiedScore}</span>
        )}
      </div>
      {q.answers.length === 0 ? (
        <p className="muted small lead-empty">
          {q.enabled
            ? "No answers yet — the bot asks the qualification questions one at a time, starting with its first reply to this contact."
            : "No answers yet — the bot asks these questions once the qualification flow is on in Bot studio."}
        </p>
      ) : (
        <>
          <ul className="lead-answers" aria-label="Qualification answers">
            {q.answers.map((a) => (
              <li key={a.key} className="lead-answer">
                <span className="lead-answer-label" title={a.question}>
                  {a.label}
                </span>
                <span className="lead-answer-value">{a.answer}</span>
                <span className="lead-answer-points">
                  {a.points} / {a.maxPoints} points
                </span>
              </li>
            ))}
          </ul>
          <p className="muted small">
            {q.completed ? "Every question has an answer." : q.pending ? `Waiting for: ${q.pending.label} — “${q.pending.question}”` : "The bot is still asking its questions."}
          </p>
        </>
      )}
    </>
  );
}
