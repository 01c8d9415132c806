/**
 * CSV that spreadsheets read as data, never as code (RFC 4180 quoting plus the OWASP guard
 * against formula injection: a resident's description starting with `=` must not run in Excel).
 */

export type Cell = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet treat a cell as a formula (or DDE command). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: numbers as written; text guarded against formulas, quoted when it must be. */
export function csvCell(value: Cell): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	// A leading apostrophe makes the cell text in Excel, LibreOffice and Google Sheets.
	const text = FORMULA_START.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows to CSV text with CRLF line ends, as RFC 4180 asks. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
	const lines = [header.map(csvCell).join(',')];
	for (const row of rows) lines.push(row.map(csvCell).join(','));
	return `${lines.join('\r\n')}\r\n`;
}
