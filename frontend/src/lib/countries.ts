/** ISO 3166-1 alpha-2 codes, the form the backend stores countries in. */
const CODES =
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
  "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
  "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO " +
  "JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR " +
  "MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO " +
  "RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV " +
  "TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/** Where most records are sold from and shipped to: offered first, before any typing. */
export const COMMON_COUNTRIES = ["DE", "GB", "US", "FR", "NL", "BE", "IT", "ES", "AT", "CH", "SE", "DK", "PL", "IE", "CA", "JP", "AU"];

export interface Country {
  code: string;
  name: string;
}

const displayNames = new Intl.DisplayNames(undefined, { type: "region", fallback: "code" });

export function countryName(code: string): string {
  try {
    return displayNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Every country, by name in the reader's language. */
export const COUNTRIES: readonly Country[] = CODES.split(" ")
  .map((code) => ({ code, name: countryName(code) }))
  .sort((a, b) => a.name.localeCompare(b.name));

/** Countries whose name contains the text or whose code starts with it. */
export function findCountries(text: string): Country[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [];
  return COUNTRIES.filter((country) => country.name.toLowerCase().includes(needle) || country.code.toLowerCase().startsWith(needle));
}
