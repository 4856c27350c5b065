// Turning --queue NAME_OR_ID arguments into queue ids, with the closest names when nothing matches.
import {UsageError} from '../errors.js';
import type {QueueInfo} from '../genesys/queues.js';
import {compareText} from '../metrics/compare.js';

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

export function closestNames(wanted: string, queues: readonly QueueInfo[], count = 5): string[] {
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

/** Each argument is an id, an exact name (case-insensitive), or a pattern with `*` wildcards. */
export function matchQueues(args: readonly string[], queues: readonly QueueInfo[]): string[] {
	const ids = new Set<string>();
	for (const arg of args) {
		const text = arg.trim();
		const byId = queues.find(queue => queue.id.toLowerCase() === text.toLowerCase());
		if (byId) {
			ids.add(byId.id);
			continue;
		}
		let matches: QueueInfo[];
		if (text.includes('*')) {
			const pattern = new RegExp(
				`^${text
					.split('*')
					.map(part => part.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`))
					.join('.*')}$`,
				'i',
			);
			matches = queues.filter(queue => pattern.test(queue.name));
		} else {
			matches = queues.filter(queue => queue.name.toLowerCase() === text.toLowerCase());
		}
		if (matches.length === 0) {
			const closest = closestNames(text.replaceAll('*', ''), queues);
			throw new UsageError(
				`No queue matches "${text}".`,
				closest.length > 0
					? `Closest queue names: ${closest.map(name => `"${name}"`).join(', ')}.`
					: 'The organization has no queues visible to this OAuth client.',
			);
		}
		for (const queue of matches) ids.add(queue.id);
	}
	return [...ids];
}
