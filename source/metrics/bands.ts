// Wait bands and the service-level what-if, from one row's statistics by media type: the outcomes' counts under
// bounds (views), their totals, and the service level's denominator. Pure math: tested on its own.
import {underViewName, type WaitOutcome} from '../genesys/wait-views.js';
import type {StatsBag} from '../genesys/stats.js';
import {UsageError} from '../errors.js';
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

/** How many of an outcome waited less than `boundMs`, over the media types. */
function under(bags: readonly StatsBag[], outcome: WaitOutcome, boundMs: number): number {
	if (boundMs <= 0) return 0;
	return bags.reduce((all, bag) => all + count(bag, underViewName(outcome, boundMs)), 0);
}

export type BandCount = {band: WaitBand; count: number; share: number | null; cumulativeShare: number | null};

/** One outcome's bands: counts from the cumulative views, the open band what is left of the outcome's total. */
export function bandCounts(
	bags: readonly StatsBag[],
	outcome: WaitOutcome,
	edges: readonly number[],
): {total: number; bands: BandCount[]} {
	const total = bags.reduce((all, bag) => all + count(bag, totalMetric[outcome]), 0);
	const ratio = (part: number) => (total > 0 ? part / total : null);
	const bands = bandsOf(edges).map(band => {
		const below = band.toSeconds === null ? total : under(bags, outcome, band.toSeconds * 1000);
		const count = below - under(bags, outcome, band.fromSeconds * 1000);
		return {band, count, share: ratio(count), cumulativeShare: ratio(below)};
	});
	return {total, bands};
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
): {points: WhatIf[]; atTarget: {seconds: number | null; serviceLevel: number | null} | undefined} {
	const bags = [...byMedia.values()];
	const {denominator} = serviceLevelTerms(bags);
	const ratio = (part: number) => (denominator > 0 ? part / denominator : null);
	const points = seconds.map(time => ({seconds: time, serviceLevel: ratio(under(bags, 'answered', time * 1000))}));
	// Every media type with a denominator needs its own time; one without is not the queue's SL.
	let within = 0;
	const times = new Set<number>();
	for (const [media, bag] of byMedia) {
		if (!(bag['oServiceLevel']?.denominator ?? 0)) continue;
		const time = targets.get(media);
		if (time === undefined) return {points, atTarget: undefined};
		times.add(time);
		within += under([bag], 'answered', time);
	}
	if (times.size === 0) return {points, atTarget: undefined};
	const [only] = times;
	const shared = times.size === 1 && only !== undefined ? only / 1000 : null;
	for (const point of points) if (point.seconds === shared) (point as WhatIf).target = true;
	return {points, atTarget: {seconds: shared, serviceLevel: ratio(within)}};
}
