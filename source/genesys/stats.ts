// Raw aggregate statistics and how they combine: counts and sums add, min and max combine, service
// level numerators and denominators add. Never an average of averages.

export type MetricStats = {
	count?: number;
	sum?: number;
	min?: number;
	max?: number;
	numerator?: number;
	denominator?: number;
	/** Service level target; null once combined parts disagree. */
	target?: number | null;
};

/** Statistics by Genesys metric name (`nOffered`, `tHandle`, `oServiceLevel`, ...). */
export type StatsBag = Record<string, MetricStats>;

/** Adds `b` into `a` in place; `a` must be owned by the caller. */
export function addMetricInto(a: MetricStats, b: MetricStats): void {
	if (b.count !== undefined) a.count = (a.count ?? 0) + b.count;
	if (b.sum !== undefined) a.sum = (a.sum ?? 0) + b.sum;
	if (b.min !== undefined) a.min = a.min === undefined ? b.min : Math.min(a.min, b.min);
	if (b.max !== undefined) a.max = a.max === undefined ? b.max : Math.max(a.max, b.max);
	if (b.numerator !== undefined) a.numerator = (a.numerator ?? 0) + b.numerator;
	if (b.denominator !== undefined) a.denominator = (a.denominator ?? 0) + b.denominator;
	if (b.target !== undefined) a.target = a.target === undefined || a.target === b.target ? b.target : null;
}

/** A new object with the known fields of both (an answer's own extras, like `ratio`, do not survive a merge). */
export function mergeMetric(a: MetricStats, b: MetricStats): MetricStats {
	const merged: MetricStats = {};
	addMetricInto(merged, a);
	addMetricInto(merged, b);
	return merged;
}

/** Adds `from` into `into` (mutates `into`, which is owned by the caller). */
export function addInto(into: StatsBag, from: Readonly<StatsBag>): StatsBag {
	for (const name in from) addMetricTo(into, name, from[name]!);
	return into;
}

export function mergeBags(bags: Iterable<Readonly<StatsBag>>): StatsBag {
	const total: StatsBag = {};
	for (const bag of bags) addInto(total, bag);
	return total;
}

/** Adds one metric into a bag, copying it field by field the first time (object spread is slow in V8). */
function addMetricTo(bag: StatsBag, name: string, stats: Readonly<MetricStats>): void {
	const existing = bag[name];
	if (existing) addMetricInto(existing, stats);
	else {
		const copy: MetricStats = {};
		addMetricInto(copy, stats);
		bag[name] = copy;
	}
}

type Field = keyof MetricStats;

/** The fields of each family of metric as the API gives them: n* counts, t* timers, o* observations (oServiceLevel). */
const countFields: readonly Field[] = ['count'];
const timerFields: readonly Field[] = ['count', 'sum', 'min', 'max'];
const observationFields: readonly Field[] = ['numerator', 'denominator', 'target'];

function fieldsOf(metric: string): readonly Field[] {
	return metric.startsWith('t') ? timerFields : metric.startsWith('o') ? observationFields : countFields;
}

/** A target that combined parts disagree on (null in MetricStats); targets are within 0..1. */
const mixedTarget = -1;

/**
 * Statistics per queue and media type kept as one array of numbers per pair (NaN where a field is
 * absent) instead of an object per metric: the 13,000 pairs of a 5,000-queue organization take about
 * a third of the memory. The fields each family of metric has (n*: count; t*: count, sum, min, max;
 * o*: numerator, denominator, target) combine as in addMetricInto, so the bags made back from them are
 * exact; an answer's `ratio`, which a merge drops too, is not kept.
 */
export class PairSums {
	/** Where each metric's fields start in a pair's array, in the order metrics were first seen. */
	readonly #slots = new Map<string, number>();
	#width = 0;
	readonly #byQueue = new Map<string, Map<string | null, number[]>>();

	/** The numbers of one queue and media type, to add into with `add`. */
	pairOf(queueId: string, mediaType: string | null): number[] {
		let byMedia = this.#byQueue.get(queueId);
		if (!byMedia) {
			byMedia = new Map();
			this.#byQueue.set(queueId, byMedia);
		}
		let pair = byMedia.get(mediaType);
		if (!pair) {
			pair = [];
			byMedia.set(mediaType, pair);
		}
		return pair;
	}

	add(pair: number[], metric: string, stats: Readonly<MetricStats>): void {
		const fields = fieldsOf(metric);
		let slot = this.#slots.get(metric);
		if (slot === undefined) {
			slot = this.#width;
			this.#slots.set(metric, slot);
			this.#width += fields.length;
		}
		while (pair.length < slot + fields.length) pair.push(Number.NaN);
		for (let index = 0; index < fields.length; index++) {
			const field = fields[index]!;
			const value = stats[field];
			if (value === undefined || value === null) continue;
			const at = slot + index;
			const current = pair[at]!;
			if (Number.isNaN(current)) pair[at] = value;
			else if (field === 'min') pair[at] = Math.min(current, value);
			else if (field === 'max') pair[at] = Math.max(current, value);
			else if (field === 'target') pair[at] = current === value ? value : mixedTarget;
			else pair[at] = current + value;
		}
	}

	/** One queue's media types with their statistics as bags, made on demand (a handful per drill). */
	mediaOf(queueId: string): Array<{mediaType: string | null; stats: StatsBag}> {
		const media = [];
		for (const [mediaType, pair] of this.#byQueue.get(queueId) ?? []) {
			const stats: StatsBag = {};
			for (const [metric, slot] of this.#slots) {
				const fields = fieldsOf(metric);
				let metricStats: MetricStats | undefined;
				for (let index = 0; index < fields.length; index++) {
					const value = pair[slot + index];
					if (value === undefined || Number.isNaN(value)) continue;
					metricStats ??= {};
					const field = fields[index]!;
					if (field === 'target') metricStats.target = value === mixedTarget ? null : value;
					else metricStats[field] = value;
				}
				if (metricStats) stats[metric] = metricStats;
			}
			media.push({mediaType, stats});
		}
		return media;
	}
}

/**
 * Sums kept while answers arrive: per queue (all media and intervals together) and over
 * everything, so the queue level and its total are ready when the last answer is in; with `byMedia`,
 * per queue and media type too (the media level), so the answers' cells need not be kept.
 */
export class RunningTotals {
	readonly byQueue = new Map<string, StatsBag>();
	readonly all: StatsBag = {};
	readonly byMedia: PairSums | undefined;

	constructor(options: {byMedia?: boolean} = {}) {
		this.byMedia = options.byMedia ? new PairSums() : undefined;
	}

	/** The bag of one queue, to add that queue's metrics into with `add`. */
	bagOf(queueId: string): StatsBag {
		let bag = this.byQueue.get(queueId);
		if (!bag) {
			bag = {};
			this.byQueue.set(queueId, bag);
		}
		return bag;
	}

	add(bag: StatsBag, name: string, stats: Readonly<MetricStats>): void {
		addMetricTo(bag, name, stats);
		addMetricTo(this.all, name, stats);
	}
}
