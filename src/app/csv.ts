// A small RFC 4180 CSV reader and writer (quoted fields, doubled quotes, CRLF or LF).

export class CsvError extends Error {
  constructor(readonly line: number, message: string) { super(`line ${line}: ${message}`); }
}

/** Parses CSV text into rows of fields; throws CsvError with the line of an unclosed quote. */
export function parseCsv(text: string, rowsMax: number): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else { if (c === '\n') line++; field += c; }
    } else if (c === '"' && field === '') { quoted = true; quoteLine = line; }
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      rows.push(row); row = [];
      line++;
      if (rows.length > rowsMax) throw new CsvError(line, `more than ${rowsMax} rows: split the file`);
    } else field += c;
  }
  if (quoted) throw new CsvError(quoteLine, 'a quoted field is never closed: add the closing "');
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows.filter((r) => !(r.length === 1 && r[0].trim() === ''));
}

/** Quotes a field when needed; a leading =, +, - or @ is prefixed with ' so spreadsheets never run it. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: (string | number | null)[][]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
