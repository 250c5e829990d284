// RFC 4180 CSV: parsing uploaded files (quoted cells, embedded newlines, CRLF,
// a UTF-8 BOM, `,` `;` or tab as the delimiter) and writing cells safely.

export interface CsvRecord {
  /** The row as a spreadsheet numbers it: the first record is row 1. */
  row: number;
  cells: string[];
}

export interface CsvParseResult {
  records: CsvRecord[];
  /** Set when a quoted cell is never closed: the row where it starts. */
  unterminatedAt: number | null;
}

/** The delimiter of the header line: whichever of `,` `;` tab appears most outside quotes. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [",", 0],
    [";", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ",";
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/** Parse the whole text. Blank lines become records with no cells, so row numbers match a spreadsheet's. */
export function parseCsv(input: string, delimiter = detectDelimiter(input)): CsvParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const n = text.length;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let row = 1;
  let i = 0;

  const endRecord = () => {
    records.push({ row, cells: cells.length === 1 && cells[0] === "" ? [] : cells });
    cells = [];
    row++;
  };
  const cellEnd = (from: number) => {
    let k = from;
    while (k < n) {
      const c = text[k];
      if (c === delimiter || c === "\n" || c === "\r") break;
      k++;
    }
    return k;
  };

  while (i < n) {
    if (text[i] === '"') {
      // Quoted cell: runs to the next quote not followed by another quote.
      let value = "";
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) return { records, unterminatedAt: row };
        value += text.slice(j, q);
        if (text[q + 1] !== '"') {
          j = q + 1;
          break;
        }
        value += '"';
        j = q + 2;
      }
      // Text between the closing quote and the delimiter is kept, as spreadsheets do.
      const k = cellEnd(j);
      cells.push(value + text.slice(j, k));
      i = k;
    } else {
      const k = cellEnd(i);
      cells.push(text.slice(i, k));
      i = k;
    }
    if (i >= n) {
      endRecord();
      break;
    }
    if (text[i] === delimiter) {
      i++;
      if (i >= n) {
        cells.push("");
        endRecord();
      }
      continue;
    }
    i += text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1;
    endRecord();
  }
  return { records, unterminatedAt: null };
}

// Spreadsheets run cells starting with these as formulas (CSV injection),
// "-2+3+cmd|' /C calc'!A0" included: a sign only stays when the whole cell is a
// plain number or phone number ("+62 812-3456-7890", "-5", "+1 (555) 010-0000").
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d[\d\s().-]*$/;

/** One cell for a CSV file: quoted when needed, formula-looking text defused. Phone numbers like "+62…" stay as they are. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n;\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: Array<string | number | boolean | null | undefined>) => cells.map(csvCell).join(",") + "\r\n";
