// Statistics dropped from an otherwise good aggregates answer: what was impossible, where, and said once.

/**
 * One impossible statistic left out of an answer (a negative timer, a numerator above its denominator),
 * or a metric or bucket the answer gave without the part that places it (`stats`, `interval`).
 */
export type DroppedStatistic = {
	queueId: string | null;
	mediaType: string | null;
	/** The bucket as the answer gave it; null when the bucket had no interval. */
	interval: string | null;
	/** The Genesys metric; null when a whole bucket was dropped. */
	metric: string | null;
	problem: string;
};

/** Called for each statistic left out while an answer is read. */
export type DropSink = (dropped: DroppedStatistic) => void;

/**
 * The statistics dropped during one load, each kept once however often it was seen (a retried or
 * re-read answer repeats them).
 */
export class DroppedLog {
	readonly #seen = new Set<string>();
	readonly entries: DroppedStatistic[] = [];
	readonly #listener: DropSink | undefined;

	constructor(listener?: DropSink) {
		this.#listener = listener;
	}

	add: DropSink = dropped => {
		const key = [dropped.queueId, dropped.mediaType, dropped.interval, dropped.metric].join('\u0000');
		if (this.#seen.has(key)) return;
		this.#seen.add(key);
		this.entries.push(dropped);
		this.#listener?.(dropped);
	};
}

/** One line naming queue, media, interval and metric: "Billing, voice, 2026-03-02T10:00:00.000Z/…, tHandle: a timer is negative". */
export function describeDropped(dropped: DroppedStatistic, nameOf: (queueId: string) => string): string {
	const where = [
		dropped.queueId === null ? '(no queue)' : nameOf(dropped.queueId),
		dropped.mediaType ?? '(no media type)',
		dropped.interval ?? '(no interval)',
		dropped.metric ?? 'every metric of the bucket',
	];
	return `${where.join(', ')}: ${dropped.problem}`;
}
