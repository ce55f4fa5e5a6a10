import { LibraryPage } from "./library/LibraryPage";

export default function WantListPage() {
  return <LibraryPage kind="wants" />;
}
