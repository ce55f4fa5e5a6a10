import { useMediaQuery, WIDE_SCREEN } from "../../hooks/useMediaQuery";
import type { Match, SearchResult, Verdict } from "../../services/results";
import { MatchControls } from "./MatchControls";
import { gradesText } from "./resultText";
import { ResultImage, ResultLinks, ResultPrice, ResultSeller, ResultTitle } from "./ResultParts";

interface ResultListProps {
  /** Undefined while the first page loads: placeholders stand in for it. */
  items: SearchResult[] | undefined;
  caption: string;
  /** A newer page is on its way; the items shown are the previous ones. */
  refreshing: boolean;
  onDecide: (match: Match, verdict: Verdict) => void;
}

const cellClass = "px-3 py-3 align-top";
const HEADERS = ["Listing", "Condition", "Seller", "Price", "Match"] as const;

function ResultsTable({ items, caption, refreshing, onDecide }: ResultListProps) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-busy={items === undefined || refreshing} className={`w-full text-left text-sm ${refreshing ? "opacity-60" : ""}`}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-900">
          <tr>
            {HEADERS.map((header) => (
              <th key={header} scope="col" className={`${cellClass} font-semibold`}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items === undefined
            ? Array.from({ length: 5 }, (_, row) => (
                <tr key={row} aria-hidden="true" className="border-t border-slate-100">
                  {HEADERS.map((header) => (
                    <td key={header} className={cellClass}>
                      <div className="h-4 w-full min-w-12 animate-pulse rounded bg-slate-200" />
                    </td>
                  ))}
                </tr>
              ))
            : items.map((result) => (
                <tr key={result.id} className={`border-t border-slate-100 ${result.gone_at !== null ? "bg-slate-50 text-slate-600" : ""}`}>
                  <td className={cellClass}>
                    <div className="flex gap-3">
                      <ResultImage listing={result.listing} />
                      <div className="flex min-w-0 flex-col gap-1">
                        <ResultTitle result={result} />
                        <ResultLinks result={result} />
                      </div>
                    </div>
                  </td>
                  <td className={`${cellClass} whitespace-nowrap`}>{gradesText(result.listing)}</td>
                  <td className={cellClass}>
                    <ResultSeller listing={result.listing} />
                  </td>
                  <td className={cellClass}>
                    <ResultPrice listing={result.listing} />
                  </td>
                  <td className={`${cellClass} min-w-48`}>
                    <MatchControls result={result} onDecide={onDecide} />
                  </td>
                </tr>
              ))}
        </tbody>
      </table>
    </div>
  );
}

function ResultCards({ items, caption, refreshing, onDecide }: ResultListProps) {
  if (items === undefined) {
    return (
      <ul aria-hidden="true" className="flex flex-col gap-3">
        {[0, 1, 2].map((index) => (
          <li key={index} className="h-44 animate-pulse rounded-lg border border-slate-200 bg-white" />
        ))}
      </ul>
    );
  }
  return (
    <ul aria-label={caption} aria-busy={refreshing} className={`flex flex-col gap-2 ${refreshing ? "opacity-60" : ""}`}>
      {items.map((result) => (
        <li key={result.id}>
          <article aria-label={result.listing.title} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3">
            <div className="flex gap-3">
              <ResultImage listing={result.listing} />
              <ResultTitle result={result} />
            </div>
            <div className="flex flex-wrap justify-between gap-x-3 gap-y-1">
              <ResultPrice listing={result.listing} />
              <div className="text-right">
                <ResultSeller listing={result.listing} />
                <p className="text-xs text-slate-700">{gradesText(result.listing)}</p>
              </div>
            </div>
            <MatchControls result={result} onDecide={onDecide} />
            <ResultLinks result={result} />
          </article>
        </li>
      ))}
    </ul>
  );
}

/** The results as a table on wide screens and as cards on phones. */
export function ResultList(props: ResultListProps) {
  const wide = useMediaQuery(WIDE_SCREEN);
  return wide ? <ResultsTable {...props} /> : <ResultCards {...props} />;
}
