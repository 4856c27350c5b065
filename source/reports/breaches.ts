// The one evaluation of queues against thresholds, for `gqx check` (once) and `gqx watch` (every poll): the range's
// service level and abandon rate per queue row, and the values of now per queue (longest wait, waiting with nobody
// available, agents not responding). A breach carries its value and the threshold it broke.
import type {DateTime} from 'luxon';
import type {GenesysClient} from '../genesys/client.js';
import type {QueueInfo} from '../genesys/queues.js';
import {formatDuration, formatPercent} from '../metrics/format.js';
import {queueLive} from '../metrics/live.js';
import {type QueueRow, rollUp} from '../metrics/rows.js';
import {isoInterval} from '../range/range.js';
import {
	abandonTone,
	longestWaitTone,
	lowestTarget,
	serviceLevelTarget,
	serviceLevelTone,
	type Thresholds,
	waitingTone,
} from '../metrics/thresholds.js';
import type {LiveSnapshot} from './live-snapshot.js';
import {fetchReport} from './report.js';

export type CheckName =
	'min-sl' | 'max-abandon' | 'max-wait' | 'max-acw' | 'max-break' | 'max-idle' | 'no-agents' | 'max-not-responding';

/**
 * A queue over a threshold; ratios for service level and abandon rate, seconds for the wait, counts for waiting with
 * nobody available and agents not responding. The queue's division comes after them (added later: readers by
 * position keep working), and tells same-named queues apart; the agent of an agent check last (null for a queue's).
 * `mediaType` is the media type the value is of where it is one's (the longest wait's), else null; check's records
 * leave it out.
 */
export type Breach = {
	queueId: string;
	queueName: string;
	check: CheckName;
	value: number;
	threshold: number;
	divisionId: string | null;
	divisionName: string | null;
	userId: string | null;
	userName: string | null;
	mediaType?: string | null;
};

/** The thresholds of now that only watch has: waiting with nobody available, and agents not responding. */
export type LiveThresholds = Thresholds & {noAgents?: boolean; maxNotResponding?: number};

/** A breach's value and threshold as people read them: rates as percentages, times as m:ss, counts as they are. */
export function describeValue(breach: Pick<Breach, 'check' | 'value' | 'threshold'>): {
	value: string;
	threshold: string;
} {
	if (breach.check === 'min-sl' || breach.check === 'max-abandon')
		return {value: formatPercent(breach.value), threshold: formatPercent(breach.threshold)};
	if (breach.check === 'no-agents' || breach.check === 'max-not-responding')
		return {value: String(breach.value), threshold: String(breach.threshold)};
	return {value: formatDuration(breach.value * 1000), threshold: formatDuration(breach.threshold * 1000)};
}

type Division = {divisionId: string | null; divisionName: string | null};

const noAgent = {userId: null, userName: null};

/** Each queue's division, from the listing. */
export function divisionsOf(all: readonly QueueInfo[]): (queueId: string) => Division {
	const divisions = new Map(
		all.map(queue => [queue.id, {divisionId: queue.divisionId ?? null, divisionName: queue.divisionName ?? null}]),
	);
	return queueId => divisions.get(queueId) ?? {divisionId: null, divisionName: null};
}

/**
 * Service level and abandon rate of the range's queue rows. The explorer's rule: a queue whose media have different
 * targets is held to the lowest of them.
 */
export function rangeBreaches(
	rows: readonly QueueRow[],
	thresholds: Thresholds,
	info: ReadonlyMap<string, QueueInfo>,
): Breach[] {
	const breaches: Breach[] = [];
	for (const row of rows) {
		const identity = {
			queueId: row.queueId ?? '',
			queueName: row.queueName,
			divisionId: row.divisionId,
			divisionName: row.divisionName,
			mediaType: null,
		};
		const fallback = lowestTarget(info.get(identity.queueId)?.serviceLevels);
		if (thresholds.minServiceLevel !== undefined && serviceLevelTone(row, thresholds, fallback) === 'bad')
			breaches.push({
				...identity,
				check: 'min-sl',
				value: row.serviceLevel!,
				threshold: serviceLevelTarget(row, thresholds, fallback)!,
				...noAgent,
			});
		if (abandonTone(row, thresholds) === 'bad')
			breaches.push({
				...identity,
				check: 'max-abandon',
				value: row.abandonRate!,
				threshold: thresholds.maxAbandon!,
				...noAgent,
			});
	}
	return breaches;
}

/**
 * The range's queue rows (all media together, or the media asked) evaluated for service level and abandon rate;
 * `rows` is how many queues had traffic.
 */
export async function fetchRangeBreaches(
	client: GenesysClient,
	range: {start: DateTime; end: DateTime; timeZone: string},
	filter: {queueIds: string[] | undefined; mediaTypes: string[]},
	thresholds: Thresholds,
	all: readonly QueueInfo[],
): Promise<{breaches: Breach[]; rows: number}> {
	const info = new Map(all.map(queue => [queue.id, queue]));
	const report = await fetchReport(
		client,
		{start: range.start, end: range.end, timeZone: range.timeZone, ...filter},
		{knownQueues: info},
	);
	const rows = rollUp(report.cells, 'queues', report.nameOf, isoInterval(range.start, range.end), report.divisionOf);
	return {breaches: rangeBreaches(rows, thresholds, info), rows: rows.length};
}

/** The values of now of a snapshot: longest wait (whole seconds), nobody available, agents not responding. */
export function liveBreaches(
	snapshot: LiveSnapshot,
	thresholds: LiveThresholds,
	divisionOf: (queueId: string) => Division,
): Breach[] {
	const breaches: Breach[] = [];
	for (const queue of snapshot.queues) {
		const identity = {queueId: queue.queueId, queueName: snapshot.nameOf(queue.queueId), ...divisionOf(queue.queueId)};
		const live = queueLive(queue);
		if (thresholds.maxWaitSeconds !== undefined && longestWaitTone(live, undefined, thresholds) === 'bad') {
			const longest = queue.media.find(media => media.longestWaitingMs === queue.longestWaitingMs);
			breaches.push({
				...identity,
				check: 'max-wait',
				value: Math.round(queue.longestWaitingMs! / 1000),
				threshold: thresholds.maxWaitSeconds,
				mediaType: longest?.mediaType ?? null,
				...noAgent,
			});
		}
		if (thresholds.noAgents && waitingTone(live) === 'bad')
			breaches.push({...identity, check: 'no-agents', value: queue.waiting, threshold: 0, mediaType: null, ...noAgent});
		if (thresholds.maxNotResponding !== undefined && (queue.notRespondingAgents ?? 0) > thresholds.maxNotResponding)
			breaches.push({
				...identity,
				check: 'max-not-responding',
				value: queue.notRespondingAgents ?? 0,
				threshold: thresholds.maxNotResponding,
				mediaType: null,
				...noAgent,
			});
	}
	return breaches;
}
