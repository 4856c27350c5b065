// Spreadsheet formula injection (OWASP "CSV Injection"): a text cell that a spreadsheet would run as a formula gets a
// leading apostrophe, which spreadsheets show as text and hide. Numbers are written by gqx and stay numbers.

/** What starts a formula in Excel, LibreOffice, Google Sheets or Numbers: = + - @, TAB, CR, and their full-width forms. */
const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** `text` (a name, id or label from outside) as a spreadsheet cell that shows it and never runs it. */
export function formulaSafe(text: string): string {
	return formulaStart.test(text) ? `'${text}` : text;
}
