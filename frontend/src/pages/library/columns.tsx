import type { ReactNode } from "react";
import type { CollectionItem, LibraryKind, LibrarySort, Want } from "../../services/library";
import { AddedCell, Cover, TitleCell } from "./ReleaseCells";
import { artistsOf, formatsOf, labelsOf } from "./releaseText";

export interface Column<T> {
  key: string;
  header: string;
  /** Hidden visually but kept for screen readers (the cover column). */
  headerHidden?: boolean;
  sort?: LibrarySort;
  /** Applied to the header and every cell, e.g. to hide a column on narrow screens. */
  className?: string;
  cell: (item: T) => ReactNode;
}

type Item = Want | CollectionItem;

const NARROW_HIDDEN = "hidden lg:table-cell";

function releaseColumns<T extends Item>(): Column<T>[] {
  return [
    { key: "cover", header: "Cover", headerHidden: true, className: "w-14", cell: (item) => <Cover release={item.release} /> },
    { key: "artist", header: "Artist", sort: "artist", cell: (item) => artistsOf(item.release) },
    { key: "title", header: "Title", sort: "title", cell: (item) => <TitleCell release={item.release} /> },
    { key: "label", header: "Label / Cat#", className: NARROW_HIDDEN, cell: (item) => labelsOf(item.release) },
    { key: "format", header: "Format", className: NARROW_HIDDEN, cell: (item) => formatsOf(item.release) },
    { key: "year", header: "Year", sort: "year", cell: (item) => item.release.year ?? "—" },
  ];
}

const added: Column<Item> = {
  key: "added",
  header: "Added",
  sort: "added",
  className: "whitespace-nowrap",
  cell: (item) => <AddedCell iso={item.date_added} />,
};

export const WANT_COLUMNS: Column<Want>[] = [...releaseColumns<Want>(), added];

export const COLLECTION_COLUMNS: Column<CollectionItem>[] = [
  ...releaseColumns<CollectionItem>(),
  { key: "media", header: "Media", className: "whitespace-nowrap", cell: (item) => item.media_grade ?? "—" },
  { key: "sleeve", header: "Sleeve", className: "whitespace-nowrap", cell: (item) => item.sleeve_grade ?? "—" },
  added,
];

export const SORT_LABELS: Record<LibrarySort, string> = {
  added: "date added",
  artist: "artist",
  title: "title",
  year: "year",
  rating: "rating",
};

export function columnsFor(kind: LibraryKind): Column<Item>[] {
  return (kind === "wants" ? WANT_COLUMNS : COLLECTION_COLUMNS) as Column<Item>[];
}
