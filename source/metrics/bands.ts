// Wait bands and the service-level what-if, from one row's statistics by media type: the outcomes' counts under
// bounds (views), their totals, and the service level's denominator. Pure math: tested on its own.
import {
	isUnderViewName,
	underViewName,
	viewsMissingName,
	viewsReadName,
	viewsTotalName,
	type WaitOutcome,
} from '../genesys/wait-views.js';
import type {StatsBag} from '../genesys/stats.js';
import {ConfigError, UsageError} from '../errors.js';
import type {BandCells} from './queue-row.js';

/** Band edges in seconds (0 and the open end implied): 0-10, 10-20, 20-30, 30-60, 60-120, 120-300, 300+. */
export const defaultBandEdges: readonly number[] = [10, 20, 30, 60, 120, 300];

/** The times of the what-if, in seconds (the queue's own target time is added). */
export const whatIfSeconds: readonly number[] = [10, 20, 30, 45, 60, 90, 120];

export const waitOutcomes: readonly WaitOutcome[] = ['answered', 'abandoned'];

export type WaitBand = {fromSeconds: number; toSeconds: number | null};

export function bandsOf(edges: readonly number[]): WaitBand[] {
	return [0, ...edges].map((from, index) => ({fromSeconds: from, toSeconds: edges[index] ?? null}));
}

export function bandLabel(band: WaitBand): string {
	return band.toSeconds === null ? `${band.fromSeconds}+ s` : `${band.fromSeconds}-${band.toSeconds} s`;
}

/**
 * `--bands 5,15,30,60,180`: ascending whole seconds above 0 (where each band ends, the last one open), or a usage
 * error (exit 2) saying what is wrong.
 */
export function parseBandEdges(text: string, flag = '--bands'): readonly number[] {
	const example = `For example ${flag} 5,15,30,60,180 (bands 0-5, 5-15, 15-30, 30-60, 60-180 and 180+ s).`;
	const edges: number[] = [];
	for (const part of text.split(',').map(each => each.trim())) {
		if (!/^\d+$/.test(part) || Number(part) <= 0)
			throw new UsageError(`${flag} takes positive whole seconds separated by commas; "${part}" is not one.`, example);
		const value = Number(part);
		const last = edges.at(-1);
		if (last !== undefined && value <= last)
			throw new UsageError(`${flag} must be in ascending order: ${value} comes after ${last}.`, example);
		edges.push(value);
	}
	if (edges.length > maxBandEdges)
		throw new UsageError(`${flag} takes at most ${maxBandEdges} times; it has ${edges.length}.`, example);
	return edges;
}

/**
 * A profile's saved bands, checked as `--bands` is (a hand-edited profiles file can hold anything): undefined when it
 * has none, else ascending positive whole seconds, or a usage error naming the profile and how to put it right.
 */
export function profileBandEdges(profile: {name: string; bands?: unknown}): readonly number[] | undefined {
	const {bands} = profile;
	if (bands === undefined) return undefined;
	const fix = `Set them again with gqx profiles bands ${profile.name} 5,15,30,60,180 (or none for the default).`;
	const what = `The wait bands of profile ${profile.name}`;
	if (!Array.isArray(bands) || bands.length === 0 || !bands.every(value => typeof value === 'number'))
		throw new ConfigError(`${what} are not a list of seconds (${JSON.stringify(bands)}).`, fix);
	try {
		return parseBandEdges(bands.join(','), what);
	} catch (error) {
		throw error instanceof UsageError ? new ConfigError(error.message, fix) : error;
	}
}

/** At most this many band ends (views are asked 10 a query: two queries for the answered and abandoned bands). */
export const maxBandEdges = 20;

/** The row's service-level times by media type (analytics media names), from the queue listing. */
export type TargetTimes = ReadonlyMap<string, number>;

/** The bounds (ms) to ask views for: the bands' ends, and for answered the what-if times and the targets too. */
export function boundsFor(
	edges: readonly number[],
	whatIf: readonly number[],
	targets: TargetTimes,
): Record<WaitOutcome, number[]> {
	const sorted = (values: Iterable<number>) => [...new Set(values)].filter(value => value > 0).sort((a, b) => a - b);
	return {
		answered: sorted([...edges, ...whatIf].map(seconds => seconds * 1000).concat([...targets.values()])),
		abandoned: sorted(edges.map(seconds => seconds * 1000)),
	};
}

function count(bag: StatsBag, name: string): number {
	return bag[name]?.count ?? 0;
}

const totalMetric: Record<WaitOutcome, string> = {answered: 'tAnswered', abandoned: 'tAbandon'};

/** An outcome's total in one media type's statistics: the one the answer with its views gave, else the metric's. */
function outcomeTotal(bag: StatsBag, outcome: WaitOutcome): number {
	return bag[viewsTotalName(outcome)] ? count(bag, viewsTotalName(outcome)) : count(bag, totalMetric[outcome]);
}

/**
 * Whether the answers had the outcome's views: a missing view is 0 (an empty one may be left out) only where the
 * outcome has none at all, or where other views of it came; a media type with the outcome and no views is unknown.
 */
export function viewsAvailable(bags: readonly StatsBag[], outcome: WaitOutcome): boolean {
	const read = (bag: StatsBag) =>
		bag[viewsReadName(outcome)] ? count(bag, viewsReadName(outcome)) > 0 : hasViewOf(bag, outcome);
	return bags.every(
		bag => outcomeTotal(bag, outcome) === 0 || (read(bag) && count(bag, viewsMissingName(outcome)) === 0),
	);
}

/** Statistics made without the client's count of views read (by hand): any view of the outcome. */
function hasViewOf(bag: StatsBag, outcome: WaitOutcome): boolean {
	return Object.keys(bag).some(name => isUnderViewName(outcome, name));
}

/**
 * How many of an outcome waited less than each of `boundsMs` (ascending), over the media types. Each media type's
 * counts are held in order (never fewer under a later bound, never more than its total), so no band is negative
 * even when its views came from answers of different moments of a day still running.
 */
function cumulative(bags: readonly StatsBag[], outcome: WaitOutcome, boundsMs: readonly number[]): number[] {
	const sums = boundsMs.map(() => 0);
	for (const bag of bags) {
		const known = bag[viewsTotalName(outcome)] ?? bag[totalMetric[outcome]];
		const total = known ? outcomeTotal(bag, outcome) : Number.POSITIVE_INFINITY;
		let below = 0;
		boundsMs.forEach((bound, index) => {
			if (bound > 0) below = Math.min(total, Math.max(below, count(bag, underViewName(outcome, bound))));
			sums[index]! += bound > 0 ? below : 0;
		});
	}
	return sums;
}

/** How many of an outcome waited less than `boundMs`, over the media types. */
function under(bags: readonly StatsBag[], outcome: WaitOutcome, boundMs: number): number {
	return cumulative(bags, outcome, [boundMs])[0] ?? 0;
}

export type BandCount = {
	band: WaitBand;
	/** Null when the answers had no views for the outcome (its bands are unavailable, not 0). */
	count: number | null;
	share: number | null;
	cumulativeShare: number | null;
};

/** One outcome's bands: counts from the cumulative views, the open band what is left of the outcome's total. */
export function bandCounts(
	bags: readonly StatsBag[],
	outcome: WaitOutcome,
	edges: readonly number[],
): {total: number; available: boolean; bands: BandCount[]} {
	const total = bags.reduce((all, bag) => all + outcomeTotal(bag, outcome), 0);
	const available = viewsAvailable(bags, outcome);
	const ratio = (part: number) => (total > 0 ? part / total : null);
	const below = cumulative(
		bags,
		outcome,
		edges.map(seconds => seconds * 1000),
	).concat([total]);
	const bands = bandsOf(edges).map((band, index) => {
		if (!available) return {band, count: null, share: null, cumulativeShare: null};
		const count = (below[index] ?? 0) - (index > 0 ? (below[index - 1] ?? 0) : 0);
		return {band, count, share: ratio(count), cumulativeShare: ratio(below[index] ?? 0)};
	});
	return {total, available, bands};
}

/** As wide as its column: six cells are the largest band. */
const barCells = 6;
const eighths = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/**
 * A share as a bar of block characters in eighths of a cell, the largest band's (`largest`) full, so the shape of the
 * waits shows however spread they are; readable without colour. A band with any conversation has at least an eighth.
 */
export function shareBar(share: number | null, largest: number | null): string {
	if (share === null || share <= 0 || !largest) return '';
	const units = Math.max(1, Math.round(Math.min(1, share / largest) * barCells * 8));
	return '█'.repeat(Math.floor(units / 8)) + (eighths[units % 8] ?? '');
}

/** The band rows of the table: both outcomes' cells for each band. */
export function bandCells(bags: readonly StatsBag[], edges: readonly number[]): Array<{band: WaitBand} & BandCells> {
	const answered = bandCounts(bags, 'answered', edges);
	const abandoned = bandCounts(bags, 'abandoned', edges);
	const largest = (bands: BandCount[]) => Math.max(0, ...bands.map(band => band.share ?? 0));
	const [answeredLargest, abandonedLargest] = [largest(answered.bands), largest(abandoned.bands)];
	return answered.bands.map((entry, index) => {
		const other = abandoned.bands[index]!;
		return {
			band: entry.band,
			bandAnswered: entry.count,
			bandAnsweredShare: entry.share,
			bandAnsweredBar: shareBar(entry.share, answeredLargest),
			bandAnsweredCumulative: entry.cumulativeShare,
			bandAbandoned: other.count,
			bandAbandonedShare: other.share,
			bandAbandonedBar: shareBar(other.share, abandonedLargest),
			bandAbandonedCumulative: other.cumulativeShare,
		};
	});
}

/** The service level's terms over the media types: answered within the target, and the denominator. */
export function serviceLevelTerms(bags: readonly StatsBag[]): {numerator: number; denominator: number} {
	let numerator = 0;
	let denominator = 0;
	for (const bag of bags) {
		numerator += bag['oServiceLevel']?.numerator ?? 0;
		denominator += bag['oServiceLevel']?.denominator ?? 0;
	}
	return {numerator, denominator};
}

export type WhatIf = {
	seconds: number;
	serviceLevel: number | null;
	/** The queue's own target time (its media's, when they share one). */
	target?: boolean;
};

/**
 * The service level had the SL time been T: answered within T (a view `lt` T) over the denominator Genesys uses
 * (`oServiceLevel.denominator`: offered less what the org's settings exclude, flow-outs by default). At the queue's
 * own time (each media type's own) it is what `oServiceLevel` says.
 */
export function whatIfs(
	byMedia: ReadonlyMap<string, StatsBag>,
	seconds: readonly number[],
	targets: TargetTimes,
): {
	points: WhatIf[];
	atTarget: {seconds: number | null; serviceLevel: number | null} | undefined;
	/** False when the answers had no answered views: every point is unknown. */
	available: boolean;
} {
	const bags = [...byMedia.values()];
	if (!viewsAvailable(bags, 'answered'))
		return {points: seconds.map(time => ({seconds: time, serviceLevel: null})), atTarget: undefined, available: false};
	const {denominator} = serviceLevelTerms(bags);
	const ratio = (part: number) => (denominator > 0 ? part / denominator : null);
	const points = seconds.map(time => ({seconds: time, serviceLevel: ratio(under(bags, 'answered', time * 1000))}));
	// Every media type with a denominator needs its own time; one without is not the queue's SL.
	let within = 0;
	const times = new Set<number>();
	for (const [media, bag] of byMedia) {
		if (!(bag['oServiceLevel']?.denominator ?? 0)) continue;
		const time = targets.get(media);
		if (time === undefined) return {points, atTarget: undefined, available: true};
		times.add(time);
		within += under([bag], 'answered', time);
	}
	if (times.size === 0) return {points, atTarget: undefined, available: true};
	const [only] = times;
	const shared = times.size === 1 && only !== undefined ? only / 1000 : null;
	for (const point of points) if (point.seconds === shared) (point as WhatIf).target = true;
	return {points, atTarget: {seconds: shared, serviceLevel: ratio(within)}, available: true};
}
