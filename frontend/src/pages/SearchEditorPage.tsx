import { useNavigate, useParams } from "react-router";
import { PageLoader } from "../components/Spinner";
import { TextLink } from "../components/TextLink";
import { useCurrentUser } from "../hooks/useCurrentUser";
import { usePageTitle } from "../hooks/usePageTitle";
import { useCreateSearch, useSearch, useUpdateSearch } from "../hooks/useSearches";
import { ApiError } from "../lib/api/errors";
import { toast } from "../lib/toast";
import type { SearchInput } from "../services/searches";
import { SearchForm } from "./searches/SearchForm";
import { emptySearch, searchToForm } from "./searches/searchForm";

function NewSearch() {
  usePageTitle("New search");
  const navigate = useNavigate();
  const { data: user } = useCurrentUser();
  const create = useCreateSearch();

  async function save(input: SearchInput) {
    const search = await create.mutateAsync(input);
    toast.success(`“${search.name}” created.`);
    // Straight to its results, where the first run is one click away.
    await navigate(`/searches/${String(search.id)}/results`);
  }

  return (
    <>
      <h1 className="text-2xl font-bold text-slate-900">New search</h1>
      {user ? <SearchForm initial={emptySearch(user)} submitLabel="Create search" onSubmit={save} /> : <PageLoader />}
    </>
  );
}

function SearchNotFound({ missing }: { missing: boolean }) {
  return (
    <>
      <h1 className="text-2xl font-bold text-slate-900">{missing ? "Search not found" : "Edit search"}</h1>
      <p className="text-slate-700">
        {missing ? "This search does not exist any more." : "The search could not be loaded."}{" "}
        <TextLink to="/searches">Back to your searches</TextLink>
      </p>
    </>
  );
}

function EditSearch({ searchId }: { searchId: number }) {
  const navigate = useNavigate();
  const search = useSearch(searchId);
  const update = useUpdateSearch(searchId);
  usePageTitle(search.data ? `Edit ${search.data.name}` : "Edit search");

  async function save(input: SearchInput) {
    const saved = await update.mutateAsync(input);
    toast.success(`“${saved.name}” saved.`);
    await navigate("/searches");
  }

  if (search.isError) return <SearchNotFound missing={search.error instanceof ApiError && search.error.status === 404} />;
  return (
    <>
      <h1 className="text-2xl font-bold text-slate-900">{search.data ? `Edit “${search.data.name}”` : "Edit search"}</h1>
      {search.data ? (
        <SearchForm key={search.data.updated_at} initial={searchToForm(search.data)} submitLabel="Save changes" onSubmit={save} />
      ) : (
        <PageLoader label="Loading the search…" />
      )}
    </>
  );
}

/** /searches/new creates a search; /searches/:searchId edits one. */
export default function SearchEditorPage() {
  const { searchId } = useParams();
  const id = Number(searchId);
  let content;
  if (searchId === undefined || searchId === "new") content = <NewSearch />;
  else if (Number.isInteger(id) && id > 0) content = <EditSearch searchId={id} />;
  else content = <SearchNotFound missing />;
  return <div className="flex flex-col gap-6">{content}</div>;
}
