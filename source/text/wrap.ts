// Word wrap for messages that must be read whole (notices): lines of at most `width` columns, never cut.

/**
 * `text` as lines of at most `width` characters, broken at spaces; a word longer than a line (a path) is
 * split across lines rather than shortened, so nothing of it is lost.
 */
export function wrapWords(text: string, width: number): string[] {
	const room = Math.max(1, width);
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/ +/)) {
		if (word === '') continue;
		if (line && line.length + 1 + word.length <= room) {
			line += ` ${word}`;
			continue;
		}
		if (line) lines.push(line);
		let rest = word;
		while (rest.length > room) {
			lines.push(rest.slice(0, room));
			rest = rest.slice(room);
		}
		line = rest;
	}
	if (line) lines.push(line);
	return lines;
}
