import type { ReactNode } from "react";
import { gradeLabel } from "../../lib/marketText";
import type { CollectionItem, LibraryKind, LibrarySort, Want } from "../../services/library";
import { AnyPressingSelect } from "./AnyPressingSelect";
import { AddedCell, Cover, MarketCell, TitleCell } from "./ReleaseCells";
import { artistsOf, formatsOf, labelsOf } from "./releaseText";
import { wantMarketLine } from "./wantMarketText";

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

// Phones show cover and title only (the title cell carries the rest); tablets add the sortable
// columns; large screens show everything.
const FROM_TABLET = "hidden sm:table-cell";
const FROM_DESKTOP = "hidden lg:table-cell";

function grades(item: CollectionItem): string {
  return `Media ${gradeLabel(item.media_grade)} · Sleeve ${gradeLabel(item.sleeve_grade)}`;
}

function releaseColumns<T extends Item>(extra?: (item: T) => string | undefined): Column<T>[] {
  return [
    { key: "cover", header: "Cover", headerHidden: true, className: "w-[4.5rem]", cell: (item) => <Cover release={item.release} /> },
    { key: "artist", header: "Artist", sort: "artist", className: FROM_TABLET, cell: (item) => artistsOf(item.release) },
    { key: "title", header: "Title", sort: "title", cell: (item) => <TitleCell release={item.release} extra={extra?.(item)} /> },
    { key: "label", header: "Label / Cat#", className: FROM_DESKTOP, cell: (item) => labelsOf(item.release) },
    { key: "format", header: "Format", className: FROM_DESKTOP, cell: (item) => formatsOf(item.release) },
    { key: "year", header: "Year", sort: "year", className: FROM_TABLET, cell: (item) => item.release.year ?? "—" },
  ];
}

const added: Column<Item> = {
  key: "added",
  header: "Added",
  sort: "added",
  className: `whitespace-nowrap ${FROM_TABLET}`,
  cell: (item) => <AddedCell iso={item.date_added} />,
};

const market: Column<Want> = {
  key: "market",
  header: "On the market",
  className: `min-w-40 ${FROM_TABLET}`,
  cell: (item) => <MarketCell want={item} />,
};

const pressing: Column<Want> = {
  key: "pressing",
  header: "Pressing",
  cell: (item) => <AnyPressingSelect want={item} />,
};

export const WANT_COLUMNS: Column<Want>[] = [...releaseColumns<Want>(wantMarketLine), market, added, pressing];

export const COLLECTION_COLUMNS: Column<CollectionItem>[] = [
  ...releaseColumns<CollectionItem>(grades),
  { key: "media", header: "Media", className: `whitespace-nowrap ${FROM_TABLET}`, cell: (item) => gradeLabel(item.media_grade) },
  { key: "sleeve", header: "Sleeve", className: `whitespace-nowrap ${FROM_TABLET}`, cell: (item) => gradeLabel(item.sleeve_grade) },
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
