// When live columns are on and which queues each refresh asks about: the rows on screen every refresh, and the
// rest in turns, so every queue is at most `fullCycleMs` old while the request rate stays a fixed fraction of the limit.
import {observationChunk} from '../genesys/observations.js';
import type {DateRange} from '../range/range.js';
import {loadTotals, type Totals, totalsRequest} from './totals.js';
import type {DataRequest, LevelExport} from './types.js';
import {formatLive, liveMetrics} from '../metrics/catalog.js';
import {type LiveRecord, liveRecordFields, liveRecords} from '../metrics/live.js';
import type {TextColumn} from '../text/table.js';

/** Every queue's live values are at most this old. */
export const fullCycleMs = 30_000;
/** Live columns refresh this often by default (`--refresh SECONDS`); the least allowed. */
export const defaultLiveRefreshMs = 10_000;
export const minLiveRefreshMs = 5000;
/** The day's aggregate columns refresh this often while live. */
export const aggregateRefreshMs = 60_000;
/** How live values come: by push (the notifications service), by polling, or push with polling as the fallback. */
export type LiveMode = 'push' | 'poll' | 'auto';
export const liveModes: readonly LiveMode[] = ['push', 'poll', 'auto'];
/** After push fails, polling carries on and push is tried again this much later. */
export const pushRetryMs = 300_000;
/** By push, changes go to the screen together at most this often (a moment's events already come together). */
export const pushScreenMs = 500;
/** With `--live push` (no polling), a failed push is tried again this much later. */
export const pushOnlyRetryMs = 30_000;
/** Failed refreshes in a row after which the live values are called stale. */
export const staleAfterFailures = 3;

/** Live columns are on for a range that includes today (in the range's own time zone). */
export function includesToday(range: DateRange, now = Date.now()): boolean {
	// A range is cut back to now exactly when it runs into today or later.
	return range.clamped && range.start.toMillis() <= now;
}

/**
 * The day's aggregates again, names known already. Up to now: the source runs a range cut back to now to the
 * present at every load. With the divisions, so same-named queues keep theirs (`Support · EMEA`).
 */
export function refreshedTotalsRequest(previous: Totals | undefined): DataRequest {
	return {...totalsRequest, load: loadTotals(previous?.queues)};
}

/**
 * The queues of one refresh: those on screen first, then the next `share` of the others from `cursor`, where the
 * share is refresh / full cycle of them (all of them when there are few). Returns where the next turn starts.
 */
export function liveBatch(
	all: readonly string[],
	visible: readonly string[],
	cursor: number,
	refreshMs: number,
): {ids: string[]; cursor: number} {
	const chunks = Math.ceil(all.length / observationChunk);
	const turns = Math.max(1, Math.floor(fullCycleMs / refreshMs));
	const take = chunks <= turns ? all.length : Math.ceil(chunks / turns) * observationChunk;
	const ids = new Set(visible);
	const start = all.length === 0 ? 0 : cursor % all.length;
	for (let index = 0; index < Math.min(take, all.length); index++) ids.add(all[(start + index) % all.length]!);
	return {ids: [...ids], cursor: all.length === 0 ? 0 : (start + Math.min(take, all.length)) % all.length};
}

/**
 * `gqx export --level live`: one snapshot of now (queue observations): a record per queue with agent counts, then one
 * per queue and media type. The queues of --queue and --division, all by default; --media keeps those media.
 */
export const liveExport: LevelExport<LiveRecord> = {
	name: 'live',
	help: 'now, no dates: a record per queue (agent counts), then per queue and media',
	dated: false,
	granularity: 'no',
	byMedia: false,
	compare: false,
	spec: () => ({
		fields: liveRecordFields,
		table: {
			empty: 'No queues to observe.\n',
			columns: () => [
				{header: 'Queue', align: 'left', cap: 40, text: record => record.queueName},
				{header: 'Media', align: 'left', cap: 40, text: record => record.mediaType ?? ''},
				...liveMetrics.map((metric): TextColumn<LiveRecord> => ({
					header: metric.header,
					priority: metric.priority,
					align: 'right',
					text: record => formatLive(metric, record),
				})),
			],
		},
	}),
	async stream(client, request, callbacks) {
		const {fetchLiveSnapshot} = await import('../reports/live-snapshot.js');
		const snapshot = await fetchLiveSnapshot(
			client,
			{queues: request.queues, divisions: request.divisions, media: request.mediaTypes},
			request.knownQueues ? {known: [...request.knownQueues.values()]} : {},
		);
		await callbacks.onRecords(liveRecords(snapshot.queues, snapshot.nameOf));
		return {nameOf: snapshot.nameOf};
	},
};
