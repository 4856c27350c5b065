// Turning --queue NAME_OR_ID and --division NAME arguments into queue ids, with the closest names
// when nothing matches. Shared by the commands that take them (export, check).
import {UsageError} from '../errors.js';
import type {QueueInfo} from '../genesys/queues.js';
import {compareText} from '../text/collate.js';

const uuidPattern = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

export function looksLikeId(text: string): boolean {
	return uuidPattern.test(text);
}

function editDistance(a: string, b: string): number {
	const previous = Array.from({length: b.length + 1}, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		let diagonal = previous[0] ?? 0;
		previous[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const above = previous[j] ?? 0;
			previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
			diagonal = above;
		}
	}
	return previous[b.length] ?? 0;
}

export function closestNames(wanted: string, queues: ReadonlyArray<Pick<QueueInfo, 'name'>>, count = 5): string[] {
	const target = wanted.toLowerCase();
	return queues
		.map(queue => {
			const name = queue.name.toLowerCase();
			// A name that contains the text is closer than any edit distance.
			const score = name.includes(target)
				? -1 + target.length / (name.length + 1)
				: editDistance(target, name) / Math.max(target.length, name.length);
			return {name: queue.name, score};
		})
		.sort((a, b) => a.score - b.score || compareText(a.name, b.name))
		.slice(0, count)
		.map(entry => entry.name);
}

/** A case-insensitive test of a whole name: `text` exactly, or with `*` matching anything. */
function nameTest(text: string): (name: string) => boolean {
	if (!text.includes('*')) return name => name.toLowerCase() === text.toLowerCase();
	const pattern = new RegExp(
		`^${text
			.split('*')
			.map(part => part.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`))
			.join('.*')}$`,
		'i',
	);
	return name => pattern.test(name);
}

/**
 * The queues in the divisions `args` name: each an exact division name (case-insensitive) or a
 * pattern with `*`. A name no division has is a usage error listing the divisions there are.
 */
export function queuesInDivisions(args: readonly string[], queues: readonly QueueInfo[]): QueueInfo[] {
	const divisions = [...new Set(queues.flatMap(queue => (queue.divisionName ? [queue.divisionName] : [])))].sort(
		compareText,
	);
	const wanted = new Set<string>();
	for (const arg of args) {
		const text = arg.trim();
		const matches = divisions.filter(nameTest(text));
		if (matches.length === 0)
			throw new UsageError(
				`No division matches "${text}".`,
				divisions.length > 0
					? `Divisions with queues: ${divisions.map(name => `"${name}"`).join(', ')}.`
					: 'The queue listing names no divisions.',
			);
		for (const name of matches) wanted.add(name);
	}
	return queues.filter(queue => queue.divisionName !== undefined && wanted.has(queue.divisionName));
}

/**
 * The ids of the queues `--queue` and `--division` select together (both must hold), or undefined
 * when neither is given (every queue). Selecting no queue at all is a usage error.
 */
export function selectQueueIds(
	filters: {queues: readonly string[]; divisions: readonly string[]},
	all: readonly QueueInfo[],
): string[] | undefined {
	if (filters.queues.length === 0 && filters.divisions.length === 0) return undefined;
	const inDivisions = filters.divisions.length > 0 ? queuesInDivisions(filters.divisions, all) : all;
	if (filters.queues.length === 0) return inDivisions.map(queue => queue.id);
	const ids = new Set(inDivisions.map(queue => queue.id));
	const chosen = matchQueues(filters.queues, all).filter(id => ids.has(id));
	if (chosen.length === 0)
		throw new UsageError(
			`No queue matches ${filters.queues.map(text => `"${text}"`).join(', ')} in ${filters.divisions.map(text => `"${text}"`).join(', ')}.`,
			'Check the division of the queues with gqx export --format table, or drop --division.',
		);
	return chosen;
}

/**
 * Each argument is an id, an exact name (case-insensitive), or a pattern with `*` wildcards. `noun`: what they are
 * (`skill` for --skill, `language` for --language), for the messages.
 */
export function matchQueues(
	args: readonly string[],
	queues: ReadonlyArray<Pick<QueueInfo, 'id' | 'name'>>,
	noun = 'queue',
): string[] {
	const ids = new Set<string>();
	for (const arg of args) {
		const text = arg.trim();
		const byId = queues.find(queue => queue.id.toLowerCase() === text.toLowerCase());
		if (byId) {
			ids.add(byId.id);
			continue;
		}
		const test = nameTest(text);
		const matches = queues.filter(queue => test(queue.name));
		if (matches.length === 0) {
			const closest = closestNames(text.replaceAll('*', ''), queues);
			throw new UsageError(
				`No ${noun} matches "${text}".`,
				closest.length > 0
					? `Closest ${noun} names: ${closest.map(name => `"${name}"`).join(', ')}.`
					: `The organization has no ${noun}s visible to this OAuth client.`,
			);
		}
		for (const queue of matches) ids.add(queue.id);
	}
	return [...ids];
}
