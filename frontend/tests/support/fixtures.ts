import type { components } from "../../src/lib/api/schema";

type Release = components["schemas"]["ReleaseOut"];
type Want = components["schemas"]["WantOut"];
type CollectionItem = components["schemas"]["CollectionItemOut"];
type MatchPressing = components["schemas"]["MatchPressingOut"];

// artist, title, label, catalogue number, year, country, formats
const RECORDS: [string, string, string, string, number | null, string, string[]][] = [
  ["Miles Davis", "Kind of Blue", "Columbia", "CL 1355", 1959, "US", ["Vinyl", "LP", "Album", "Mono"]],
  ["John Coltrane", "A Love Supreme", "Impulse!", "A-77", 1965, "US", ["Vinyl", "LP", "Album"]],
  ["Can", "Tago Mago", "United Artists Records", "UAS 29 211/12 X", 1971, "Germany", ["Vinyl", "2×LP", "Album"]],
  ["Kraftwerk", "Trans-Europa Express", "Kling Klang", "1C 064-82 306", 1977, "Germany", ["Vinyl", "LP", "Album"]],
  ["Talking Heads", "Remain in Light", "Sire", "SRK 6095", 1980, "US", ["Vinyl", "LP", "Album"]],
  ["Joy Division", "Unknown Pleasures", "Factory", "FACT 10", 1979, "UK", ["Vinyl", "LP", "Album"]],
  ["Nina Simone", "Wild Is the Wind", "Philips", "PHS 600-207", 1966, "US", ["Vinyl", "LP", "Album", "Stereo"]],
  ["Fela Kuti", "Zombie", "Coconut", "PMLP 1001", 1976, "Nigeria", ["Vinyl", "LP", "Album"]],
  ["Alice Coltrane", "Journey in Satchidananda", "Impulse!", "AS-9203", 1971, "US", ["Vinyl", "LP", "Album"]],
  ["Harmonia", "Musik von Harmonia", "Brain", "brain 1044", 1974, "Germany", ["Vinyl", "LP", "Album"]],
  ["Pharoah Sanders", "Karma", "Impulse!", "AS-9181", 1969, "US", ["Vinyl", "LP", "Album"]],
  ["Brian Eno", "Another Green World", "Island Records", "ILPS 9351", 1975, "UK", ["Vinyl", "LP", "Album"]],
  ["Cocteau Twins", "Treasure", "4AD", "CAD 412", 1984, "UK", ["Vinyl", "LP", "Album"]],
  ["Neu!", "Neu! 75", "Brain", "brain 1062", 1975, "Germany", ["Vinyl", "LP", "Album"]],
  ["Sun Ra", "Lanquidity", "Philly Jazz", "PJ 666", 1978, "US", ["Vinyl", "LP", "Album"]],
  ["Kate Bush", "Hounds of Love", "EMI", "KAB 1", 1985, "UK", ["Vinyl", "LP", "Album"]],
  ["Arthur Russell", "World of Echo", "Upside Records", "UP 60003", 1986, "US", ["Vinyl", "LP", "Album"]],
  ["Stereolab", "Emperor Tomato Ketchup", "Duophonic", "D-UHF-LP11", 1996, "UK", ["Vinyl", "LP", "Album"]],
  ["Yellow Magic Orchestra", "Solid State Survivor", "Alfa", "ALR-6022", 1979, "Japan", ["Vinyl", "LP", "Album"]],
  ["Haruomi Hosono", "Philharmony", "YEN Records", "YLR-28003", 1982, "Japan", ["Vinyl", "LP", "Album"]],
  ["Tom Zé", "Estudando o Samba", "Continental", "1-01-404-126", 1976, "Brazil", ["Vinyl", "LP", "Album"]],
  ["Os Mutantes", "Os Mutantes", "Polydor", "LPNG 44.018", 1968, "Brazil", ["Vinyl", "LP", "Album", "Mono"]],
  ["Suicide", "Suicide", "Red Star Records", "RS 1", 1977, "US", ["Vinyl", "LP", "Album"]],
  ["Slowdive", "Souvlaki", "Creation Records", "CRELP 139", 1993, "UK", ["Vinyl", "LP", "Album"]],
  ["Portishead", "Dummy", "Go! Beat", "828 553-1", 1994, "UK", ["Vinyl", "LP", "Album"]],
  ["Burial", "Untrue", "Hyperdub", "HDBLP002", 2007, "UK", ["Vinyl", "2×LP", "Album"]],
  ["Boards of Canada", "Music Has the Right to Children", "Warp Records", "WARPLP55", 1998, "UK", ["Vinyl", "2×LP", "Album"]],
  ["Aphex Twin", "Selected Ambient Works 85-92", "Apollo", "AMB 3922 LP", 1992, "Belgium", ["Vinyl", "2×LP", "Album"]],
  ["Beach House", "Teen Dream", "Sub Pop", "SP 845", 2010, "US", ["Vinyl", "LP", "Album"]],
  ["Broadcast", "Tender Buttons", "Warp Records", "WARPLP136", null, "UK", ["Vinyl", "LP", "Album"]],
];

export const RECORD_COUNT = RECORDS.length;

/** The nth sample release (0-based), with every field the API returns. */
export function release(index: number): Release {
  const record = RECORDS[index % RECORDS.length]!;
  const [artist, title, label, catno, year, country, formats] = record;
  const id = 1000 + index;
  return {
    id,
    master_id: 500 + index,
    title,
    artists: [artist],
    labels: [{ name: label, catno }],
    formats,
    year,
    country,
    thumb: `https://i.discogs.test/thumb/${id}.jpg`,
    cover_image: `https://i.discogs.test/cover/${id}.jpg`,
  };
}

/** The nth sample release as a match names its pressing. */
export function pressingOf(index: number): MatchPressing {
  const { id, title, labels, year, country, formats } = release(index);
  return { release_id: id, title, label: labels[0]?.name ?? null, catno: labels[0]?.catno ?? null, year, country, descriptions: formats };
}

/** Added one day apart, the first one oldest, so "newest first" reverses the list. */
function addedOn(index: number): string {
  return new Date(Date.UTC(2024, 0, 1 + index, 12)).toISOString();
}

export function want(index: number): Want {
  return { id: index + 1, release: release(index), date_added: addedOn(index), rating: index % 6, notes: null, max_price: null, min_media_grade: null, any_pressing: null };
}

export function collectionItem(index: number): CollectionItem {
  const grades = ["M", "NM", "VG+", "VG", "G+"] as const;
  return {
    id: index + 1,
    instance_id: 90_000 + index,
    folder_id: 1,
    release: release(index),
    date_added: addedOn(index),
    rating: index % 6,
    media_grade: grades[index % grades.length]!,
    sleeve_grade: index % 3 === 0 ? null : grades[(index + 1) % grades.length]!,
  };
}

/** The first `count` sample wants. */
export function wants(count: number): Want[] {
  return Array.from({ length: count }, (_, index) => want(index));
}

export function collectionItems(count: number): CollectionItem[] {
  return Array.from({ length: count }, (_, index) => collectionItem(index));
}
