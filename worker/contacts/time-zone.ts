// A contact's time zone, for quiet hours: the contact's own `timeZone` when a
// team member set one, otherwise the zone the phone number implies when its
// country calling code (or, for Indonesia, its area code) determines exactly
// one zone; otherwise none (the caller falls back to the campaign's zone).
// Countries with several zones (+1, +7, +55, +61, +52, …) imply nothing.

/** Calling codes of countries with one time zone (longest prefix wins). */
const ONE_ZONE: Record<string, string> = {
  "20": "Africa/Cairo",
  "27": "Africa/Johannesburg",
  "30": "Europe/Athens",
  "31": "Europe/Amsterdam",
  "32": "Europe/Brussels",
  "33": "Europe/Paris",
  "36": "Europe/Budapest",
  "39": "Europe/Rome",
  "40": "Europe/Bucharest",
  "41": "Europe/Zurich",
  "43": "Europe/Vienna",
  "44": "Europe/London",
  "45": "Europe/Copenhagen",
  "46": "Europe/Stockholm",
  "47": "Europe/Oslo",
  "48": "Europe/Warsaw",
  "49": "Europe/Berlin",
  "51": "America/Lima",
  "53": "America/Havana",
  "54": "America/Argentina/Buenos_Aires",
  "57": "America/Bogota",
  "58": "America/Caracas",
  "60": "Asia/Kuala_Lumpur",
  "63": "Asia/Manila",
  "65": "Asia/Singapore",
  "66": "Asia/Bangkok",
  "81": "Asia/Tokyo",
  "82": "Asia/Seoul",
  "84": "Asia/Ho_Chi_Minh",
  "86": "Asia/Shanghai",
  "90": "Europe/Istanbul",
  "91": "Asia/Kolkata",
  "92": "Asia/Karachi",
  "94": "Asia/Colombo",
  "212": "Africa/Casablanca",
  "233": "Africa/Accra",
  "234": "Africa/Lagos",
  "254": "Africa/Nairobi",
  "255": "Africa/Dar_es_Salaam",
  "256": "Africa/Kampala",
  "353": "Europe/Dublin",
  "852": "Asia/Hong_Kong",
  "880": "Asia/Dhaka",
  "886": "Asia/Taipei",
  "962": "Asia/Amman",
  "965": "Asia/Kuwait",
  "966": "Asia/Riyadh",
  "971": "Asia/Dubai",
  "972": "Asia/Jerusalem",
  "974": "Asia/Qatar",
};

/**
 * Indonesia (+62) has three zones. A fixed-line area code names its region;
 * a mobile number (+62 8…) does not, so it implies no zone. Longest prefix first.
 */
const INDONESIA_AREAS: Array<[prefix: string, zone: string]> = [
  // WIT (UTC+9): Maluku and Papua (09xx).
  ["9", "Asia/Jayapura"],
  // WITA (UTC+8): Bali and Nusa Tenggara (036x–038x), Sulawesi (04xx), South, East and North Kalimantan (051x, 054x, 055x).
  ["36", "Asia/Makassar"], ["37", "Asia/Makassar"], ["38", "Asia/Makassar"], ["4", "Asia/Makassar"], ["51", "Asia/Makassar"], ["54", "Asia/Makassar"], ["55", "Asia/Makassar"],
  // WIB (UTC+7): Java (02x, 03x), Central and West Kalimantan (053x, 056x), Sumatra (06xx, 07xx).
  ["2", "Asia/Jakarta"], ["3", "Asia/Jakarta"], ["53", "Asia/Jakarta"], ["56", "Asia/Jakarta"], ["6", "Asia/Jakarta"], ["7", "Asia/Jakarta"],
];
INDONESIA_AREAS.sort(([a], [b]) => b.length - a.length);

/** The one zone a phone number (E.164) implies, or null. */
export function zoneFromPhone(phone: string | null | undefined): string | null {
  const digits = (phone ?? "").replace(/\D/g, "");
  if (!digits) return null;
  if (digits.startsWith("62")) {
    const national = digits.slice(2);
    if (national.startsWith("8")) return null;
    const match = INDONESIA_AREAS.find(([p]) => national.startsWith(p));
    return match ? match[1] : null;
  }
  for (const len of [3, 2]) {
    const zone = ONE_ZONE[digits.slice(0, len)];
    if (zone) return zone;
  }
  return null;
}

/** The IANA zone `name` in its canonical spelling ("asia/jakarta" → "Asia/Jakarta"), or null if the runtime knows no such zone. */
export function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export const isTimeZone = (name: string) => canonicalTimeZone(name) !== null;

/** The contact's zone: their own, else the one their number implies, else null. */
export const contactTimeZone = (c: { timeZone?: string | null; phone: string | null }): string | null => c.timeZone ?? zoneFromPhone(c.phone);
