// Telling same-named queues apart: Genesys allows one name in several divisions, so where two queues
// on screen share a name each shows its division (`Support · EMEA`).

export const divisionSeparator = ' · ';

/** The names that occur more than once. */
export function sharedNames(names: Iterable<string>): Set<string> {
	const seen = new Set<string>();
	const shared = new Set<string>();
	for (const name of names) {
		if (seen.has(name)) shared.add(name);
		else seen.add(name);
	}
	return shared;
}

/** A queue's label: its name, with its division when `shared` says another queue has the name too. */
export function queueLabel(name: string, division: string | null | undefined, shared: ReadonlySet<string>): string {
	return shared.has(name) && division ? `${name}${divisionSeparator}${division}` : name;
}

/** A queue's label as part of a file name: no path or shell-unfriendly characters (`Support-EMEA`). */
export function fileNamePart(label: string): string {
	return label
		.replaceAll(divisionSeparator, ' ')
		.replaceAll(/[\p{Cc}/\\:*?"<>|]/gu, ' ')
		.trim()
		.split(/\s+/)
		.join('-');
}
