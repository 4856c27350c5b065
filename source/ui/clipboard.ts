// Copy to the clipboard through the terminal (OSC 52): works in most terminals, over SSH, and in tmux with
// `set -g set-clipboard on`, with nothing to install; a terminal that does not support it ignores it.

/** The escape sequence that asks the terminal to put `text` on the clipboard. */
export function osc52(text: string): string {
	return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

/** Writes the request to the terminal; the sequence shows nothing on screen, so the frame is untouched. */
export function copyToClipboard(stdout: NodeJS.WriteStream, text: string): void {
	stdout.write(osc52(text));
}
