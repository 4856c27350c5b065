// The --for state machine of gqx watch: a condition becomes a breach once it has held for `forMs`, and a breach
// recovers once it has been clear for `forMs`; a blip shorter than that either way says nothing (no flapping).
// Times are the observations' (the server's clock), so a test clock drives it as it drives the emulator.
import type {Breach, CheckName} from '../reports/breaches.js';

/** One event, as ndjson writes it (times ISO 8601 UTC), with the division for the line's queue label. */
export type WatchEvent = {
	event: 'BREACH' | 'RECOVERED';
	at: string;
	since: string;
	queueId: string;
	queueName: string;
	mediaType: string | null;
	condition: CheckName;
	value: number;
	threshold: number;
	divisionName: string | null;
};

/** The ndjson fields of an event, in order (the webhook's JSON adds `text` before them). */
export const eventFields = [
	'event',
	'at',
	'since',
	'queueId',
	'queueName',
	'mediaType',
	'condition',
	'value',
	'threshold',
] as const;

/**
 * A condition followed: `pending` (seen, not yet held long enough), `breach` (announced), with `clearSince` while
 * a breach is clear but not yet long enough. `since` is when it was first seen; `last` its latest breaching value.
 */
export type Tracked = {
	key: string;
	phase: 'pending' | 'breach';
	since: number;
	clearSince: number | null;
	last: Breach;
};

/**
 * A condition's identity: queue and check (an agent's too, where a check is one's). Not the media type: a queue's
 * longest wait is whichever media has the oldest caller now, so voice and callback taking turns is one breach (the
 * event names the latest media type).
 */
export function conditionKey(breach: Breach): string {
	return [breach.queueId, breach.check, breach.userId ?? ''].join('|');
}

function eventOf(kind: WatchEvent['event'], tracked: Tracked, at: number): WatchEvent {
	const {last} = tracked;
	return {
		event: kind,
		at: new Date(at).toISOString(),
		since: new Date(tracked.since).toISOString(),
		queueId: last.queueId,
		queueName: last.queueName,
		mediaType: last.mediaType ?? null,
		condition: last.check,
		value: last.value,
		threshold: last.threshold,
		divisionName: last.divisionName,
	};
}

export class Hold {
	readonly #forMs: number;
	readonly #tracked = new Map<string, Tracked>();

	constructor(forMs: number, tracked: readonly Tracked[] = []) {
		this.#forMs = forMs;
		// Keyed again: a state file from a gqx whose keys had the media type in them is picked up as the same breaches.
		for (const each of tracked) {
			const key = conditionKey(each.last);
			if (!this.#tracked.has(key)) this.#tracked.set(key, {...each, key});
		}
	}

	/** The conditions of one evaluation at `at` (epoch ms): the events they make, breaches before recoveries. */
	step(conditions: readonly Breach[], at: number): WatchEvent[] {
		const events: WatchEvent[] = [];
		const seen = new Set<string>();
		for (const condition of conditions) {
			const key = conditionKey(condition);
			seen.add(key);
			const tracked = this.#tracked.get(key);
			if (!tracked) {
				const fresh: Tracked = {key, phase: 'pending', since: at, clearSince: null, last: condition};
				this.#tracked.set(key, fresh);
				if (this.#forMs === 0) {
					fresh.phase = 'breach';
					events.push(eventOf('BREACH', fresh, at));
				}
				continue;
			}
			tracked.last = condition;
			tracked.clearSince = null;
			if (tracked.phase === 'pending' && at - tracked.since >= this.#forMs) {
				tracked.phase = 'breach';
				events.push(eventOf('BREACH', tracked, at));
			}
		}
		for (const [key, tracked] of this.#tracked) {
			if (seen.has(key)) continue;
			if (tracked.phase === 'pending') {
				this.#tracked.delete(key);
				continue;
			}
			tracked.clearSince ??= at;
			if (at - tracked.clearSince >= this.#forMs) {
				this.#tracked.delete(key);
				events.push(eventOf('RECOVERED', tracked, at));
			}
		}
		return events;
	}

	/** Everything followed, for the state file. */
	tracked(): Tracked[] {
		return [...this.#tracked.values()].map(each => ({...each}));
	}

	/** The breaches announced and not recovered, oldest first. */
	open(): Tracked[] {
		return this.tracked()
			.filter(each => each.phase === 'breach')
			.sort((a, b) => a.since - b.since);
	}
}
