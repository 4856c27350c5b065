// The one cleaner for text that came from outside gqx (names typed by an org's admins, messages of servers and
// proxies) before a terminal shows it, as gh's asciisanitizer does: control characters become visible, bidi
// controls go. Machine formats (JSON, CSV values) keep the data as received; everything a person reads goes here.

/** Already safe: printable ASCII only (most names), returned as they are. */
const plainAscii = /^[\u0020-\u007E]*$/;
// C0 controls and DEL, C1 controls, and the bidi controls that reorder what follows (embeddings, overrides,
// isolates, marks).
// eslint-disable-next-line no-control-regex
const unsafe = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const replacement = '\uFFFD';

function visible(character: string): string {
	const code = character.charCodeAt(0);
	// Caret notation, as `cat -v` and gh show them: ESC is ^[, a newline ^J, DEL ^?.
	if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
	if (code === 0x7f) return '^?';
	// C1 (CSI as \u009B, OSC as \u009D) has no caret form that would not mislead: the replacement character.
	if (code <= 0x9f) return replacement;
	return '';
}

/**
 * `text` safe to show on one line of a terminal: C0 controls and DEL in caret notation (a newline is `^J`, so it
 * cannot fake another line), C1 controls as U+FFFD, bidi controls removed. Printable text is unchanged.
 */
export function terminalText(text: string): string {
	if (plainAscii.test(text)) return text;
	return text.replace(unsafe, visible);
}

/** Text of several lines (a stack trace that may quote outside text) with each line made safe as above. */
export function terminalLines(text: string): string {
	return text.split('\n').map(terminalText).join('\n');
}

/**
 * JSON text (one ndjson record) safe on a terminal and still the same JSON: what JSON.stringify leaves raw of the
 * unsafe set (DEL, C1 controls, bidi controls), and U+2028/U+2029, written as \\u escapes. They can only be inside
 * strings, so the values read back unchanged.
 */
export function terminalJson(json: string): string {
	if (plainAscii.test(json)) return json;
	return json.replace(
		/[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g,
		character => `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
	);
}
