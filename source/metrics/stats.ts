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

/**
 * Sums kept while answers arrive: per queue (all media and intervals together) and over
 * everything, so the queue level and its total are ready when the last answer is in.
 */
export class RunningTotals {
	readonly byQueue = new Map<string, StatsBag>();
	readonly all: StatsBag = {};

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
