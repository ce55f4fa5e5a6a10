import { LibraryPage } from "./library/LibraryPage";

export default function CollectionPage() {
  return <LibraryPage kind="collection" />;
}
