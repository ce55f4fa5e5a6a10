import { formatDateTime } from "../../lib/format";
import type { PressingProgress } from "../../services/library";
import { pressingFailureText, pressingProgressText } from "../../lib/pressingProgressText";

/** Under the list's heading: how many albums' pressings search runs can tell apart yet. */
export function PressingProgressNote({ progress }: { progress: PressingProgress | undefined }) {
  if (progress === undefined) return null;
  const text = pressingProgressText(progress);
  if (text === null) return null;
  const failure = pressingFailureText(progress);
  return (
    <p className="mt-1 text-sm text-slate-700" aria-live="polite">
      {text}
      {failure !== null && (
        <>
          {" "}
          {failure}
          {progress.next_retry_at !== null && (
            <>
              {" "}
              Trying again <time dateTime={progress.next_retry_at}>{formatDateTime(progress.next_retry_at)}</time>.
            </>
          )}
        </>
      )}
    </p>
  );
}
