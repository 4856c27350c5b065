// A customer's address (phone number, e-mail, chat handle) shown without giving it away: the country code and the
// last four digits of a number, the first letter and the domain of an e-mail. Always the same number of dots, so
// the mask does not tell the length either.

const dots = '•••••';

/** `tel:+441234567890` → `+44•••••7890`; `jane@example.com` → `j•••@example.com`; anything else: its first letter. */
export function maskAddress(address: string | undefined | null): string | null {
	if (address === undefined || address === null || address === '') return null;
	const bare = address.replace(/^(tel|sip|sips|mailto):/i, '');
	const at = bare.lastIndexOf('@');
	if (at > 0) return `${Array.from(bare)[0]}•••${bare.slice(at)}`;
	const digits = bare.replace(/[^\d]/g, '');
	// A full number keeps its country code and last four; a short one (an extension, a local number) only its last
	// two, so no more than a third of it shows.
	if (digits.length >= 10) {
		const plus = bare.trimStart().startsWith('+');
		return `${plus ? '+' : ''}${digits.slice(0, 2)}${dots}${digits.slice(-4)}`;
	}
	if (digits.length >= 6) return `${dots}${digits.slice(-2)}`;
	if (digits.length > 0) return dots;
	return `${Array.from(bare)[0] ?? ''}${dots}`;
}

/** The address as given (without a `tel:` or `mailto:` prefix) when revealed, else masked. */
export function showAddress(address: string | undefined | null, reveal: boolean): string | null {
	if (address === undefined || address === null || address === '') return null;
	return reveal ? address.replace(/^(tel|mailto):/i, '') : maskAddress(address);
}
