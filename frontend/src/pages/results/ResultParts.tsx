import { Badge, type BadgeTone } from "../../components/Badge";
import { ExternalLink } from "../../components/ExternalLink";
import { MatchPressing } from "../../components/MatchPressing";
import { TextLink } from "../../components/TextLink";
import { formatDate } from "../../lib/format";
import { DeliveredPrice } from "../../components/DeliveredPrice";
import { FollowButton } from "../../components/FollowButton";
import { FLAG_LABELS, platformLabel, sellerRating, shipsFromText } from "../../lib/marketText";
import type { Listing, ResultFlag, SearchResult } from "../../services/results";

const FLAG_TONES: Record<ResultFlag, BadgeTone> = { wanted: "emerald", other_pressing: "sky", owned: "slate", upgrade: "amber" };
const FLAGS: readonly ResultFlag[] = ["wanted", "other_pressing", "owned", "upgrade"];

export function ResultImage({ listing }: { listing: Listing }) {
  if (listing.image === null) return <div aria-hidden="true" className="h-12 w-12 shrink-0 rounded bg-slate-200 sm:h-14 sm:w-14" />;
  // A fixed square that never shrinks (max-w-none: not squeezed by a narrow cell); the picture
  // is cropped to it, never stretched.
  return (
    <img
      src={listing.image}
      alt=""
      width={56}
      height={56}
      loading="lazy"
      className="aspect-square h-12 w-12 max-w-none shrink-0 rounded bg-slate-100 object-cover sm:h-14 sm:w-14"
    />
  );
}

/** New, gone, and what the listing is to the user: wanted, another pressing, owned, an upgrade. */
export function ResultBadges({ result }: { result: SearchResult }) {
  const { match } = result;
  const flags = match === null ? [] : FLAGS.filter((flag) => match[flag]);
  if (!result.is_new && result.gone_at === null && flags.length === 0) return null;
  return (
    <div className="mt-1 flex flex-wrap gap-1">
      {result.is_new && <Badge tone="indigo">New</Badge>}
      {result.gone_at !== null && (
        <Badge tone="red">
          Gone since <time dateTime={result.gone_at}>{formatDate(result.gone_at)}</time>
        </Badge>
      )}
      {flags.map((flag) => (
        <Badge key={flag} tone={FLAG_TONES[flag]}>
          {FLAG_LABELS[flag]}
        </Badge>
      ))}
    </div>
  );
}

/** The listing's title and artist, the pressing it was matched to, and its badges. */
export function ResultTitle({ result }: { result: SearchResult }) {
  return (
    <div className="min-w-0">
      <p className="font-medium break-words text-slate-900">{result.listing.title}</p>
      {result.listing.artist && <p className="text-xs text-slate-700">{result.listing.artist}</p>}
      {result.match !== null && <MatchPressing match={result.match} />}
      <ResultBadges result={result} />
    </div>
  );
}

/** To the listing on its marketplace and to the release it was matched to. */
export function ResultLinks({ result }: { result: SearchResult }) {
  const { listing } = result;
  return (
    <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      <ExternalLink href={listing.url} aria-label={`View on ${platformLabel(listing.platform)}: ${listing.title}`}>
        View on {platformLabel(listing.platform)}
      </ExternalLink>
      {result.release_id !== null && (
        <TextLink to={`/releases/${result.release_id}`} aria-label={`Release page for ${listing.title}`}>
          Release page
        </TextLink>
      )}
    </div>
  );
}

/** As listed (unknown shipping is said so, never shown as free) and delivered in the user's currency. */
export function ResultPrice({ listing, align }: { listing: Listing; align?: "left" | "right" }) {
  return <DeliveredPrice item={listing} price={listing.price} shipping={listing.shipping} align={align} />;
}

export function ResultSeller({ listing }: { listing: Listing }) {
  const { seller } = listing;
  return (
    <div className="text-sm">
      <p className="font-medium break-words text-slate-900">{seller.username}</p>
      <p className="text-xs text-slate-700">{[platformLabel(seller.platform), sellerRating(seller.rating, seller.rating_count)].filter(Boolean).join(" · ")}</p>
      {listing.ships_from && <p className="text-xs text-slate-700">{shipsFromText(listing.ships_from)}</p>}
      <FollowButton username={seller.username} platform={seller.platform} className="mt-1" />
    </div>
  );
}
