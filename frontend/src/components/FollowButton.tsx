import { useFollowedNames, useFollowSeller, useUnfollowSeller } from "../hooks/useFollowedSellers";
import { describeError } from "../lib/api/errors";
import { toast } from "../lib/toast";

interface FollowButtonProps {
  username: string;
  /** Only Discogs sellers can be followed: their stock is what the shared crawl reads. */
  platform: string;
  className?: string;
}

/** Follow or unfollow a Discogs seller wherever one is shown; nothing for eBay sellers. */
export function FollowButton({ username, platform, className = "" }: FollowButtonProps) {
  const names = useFollowedNames();
  const follow = useFollowSeller();
  const unfollow = useUnfollowSeller();
  if (platform !== "discogs") return null;
  const following = names.data?.has(username.toLowerCase()) ?? false;
  // Until the names load it is not known which way the button works.
  const busy = names.data === undefined || follow.isPending || unfollow.isPending;

  function toggle() {
    const action = following ? unfollow : follow;
    action.mutate(username, {
      onSuccess: () => toast.success(following ? `You no longer follow ${username}.` : `You follow ${username}: their whole stock is read for your searches.`),
      onError: (error) => toast.error(describeError(error)),
    });
  }

  return (
    <button
      type="button"
      aria-pressed={following}
      aria-label={following ? `Unfollow ${username}` : `Follow ${username}`}
      disabled={busy}
      onClick={toggle}
      className={`inline-flex min-h-8 items-center rounded-md border px-2 py-1 text-xs font-semibold disabled:cursor-not-allowed disabled:opacity-60 ${
        following ? "border-indigo-700 bg-indigo-50 text-indigo-900" : "border-slate-300 bg-white text-slate-900 hover:bg-slate-100"
      } ${className}`}
    >
      {following ? "Following" : "Follow"}
    </button>
  );
}
