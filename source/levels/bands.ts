// The wait bands (b): how long one row's answered and abandoned conversations waited, band by band, and the service
// level had the SL time been 10 s, 20 s, ... 120 s; `gqx export --level bands` and `--level service-levels`.
import type {StatsBag} from '../genesys/stats.js';
import {
	bandCells,
	bandCounts,
	bandLabel,
	defaultBandEdges,
	serviceLevelTerms,
	viewsAvailable,
	type TargetTimes,
	waitOutcomes,
	whatIfs,
	whatIfSeconds,
} from '../metrics/bands.js';
import {bandColumns} from '../metrics/catalog.js';
import {formatPercent} from '../metrics/format.js';
import {toRow} from '../metrics/rows.js';
import {DateTime} from 'luxon';
import type {DateRange} from '../range/range.js';
import {shiftInterval} from '../range/compare.js';
import type {WaitOutcome} from '../genesys/wait-views.js';
import {compareText} from '../text/collate.js';
import type {
	DisplayRow,
	ExportCallbacks,
	ExportRequest,
	LevelExport,
	LevelModule,
	LevelRef,
	LevelRows,
} from './types.js';

/** What `e` writes for a band: where it is, then the table's numbers (the bars are drawn, not data). */
const explorerExportFields = [
	'queueId',
	'queueName',
	'mediaType',
	'interval',
	'fromSeconds',
	'toSeconds',
	...bandColumns.filter(field => !field.endsWith('Bar')),
];

/** What the level loads: the row's statistics by media type, its media's SL times, and the bands it was asked for. */
type BandsData = {
	byMedia: Map<string, StatsBag>;
	targets: TargetTimes;
	edges: readonly number[];
	/** Work without a wrap-up code: no query can pick it out (the queue's own metrics have no code either). */
	noFilter?: boolean;
};

/**
 * The part of the range the row covers: an interval row's bucket (up to the range's end: today's bucket, and its twin
 * in the comparison period, run to their now), else the whole range.
 */
function rowRange(ref: LevelRef, range: DateRange): Pick<DateRange, 'start' | 'end' | 'timeZone'> {
	const interval = ref.context.interval;
	if (!interval) return range;
	const [start, end] = interval.split('/');
	return {
		start: DateTime.fromISO(start ?? '', {zone: range.timeZone}),
		end: DateTime.min(DateTime.fromISO(end ?? '', {zone: range.timeZone}), range.end),
		timeZone: range.timeZone,
	};
}

function whatIfLine(data: BandsData, serviceLevel: number | null): string {
	const {points, atTarget, available} = whatIfs(data.byMedia, whatIfSeconds, data.targets);
	if (!available) return `SL what-if unavailable: ${unavailableWhy}`;
	const parts = points.map(
		point => `${point.seconds} s ${formatPercent(point.serviceLevel)}${point.target ? ' ◆' : ''}`,
	);
	const target = atTarget
		? `◆ target${atTarget.seconds === null ? 's of its media' : ` ${atTarget.seconds} s`} ${formatPercent(atTarget.serviceLevel)} (SL % ${formatPercent(serviceLevel)})`
		: 'no SL target known for this row';
	return `SL what-if (answered within T / SL denominator): ${parts.join(' · ')} · ${target}`;
}

/** Why an outcome's bands are not shown as 0 (the answers said how many there were, but had no views for them). */
const unavailableWhy = 'the API’s answers had no wait views for them (0 only when there were none)';

/** The status line for outcomes with conversations whose bands the answers lacked; none when all came. */
function unavailableNote(bags: readonly StatsBag[], outcomes = waitOutcomes): string | undefined {
	const missing = outcomes.filter(outcome => !viewsAvailable(bags, outcome));
	return missing.length > 0 ? `Wait bands unavailable for ${missing.join(' and ')}: ${unavailableWhy}.` : undefined;
}

/** A record of `gqx export --level bands`: one queue (and media type), one outcome, one band. */
export type BandRecord = {
	queueId: string;
	queueName: string;
	mediaType: string | null;
	outcome: WaitOutcome;
	fromSeconds: number;
	toSeconds: number | null;
	/** Null when the answer had no views for the outcome: unavailable, not 0. */
	count: number | null;
	share: number | null;
	cumulativeShare: number | null;
};

export const bandRecordFields = [
	'queueId',
	'queueName',
	'mediaType',
	'outcome',
	'fromSeconds',
	'toSeconds',
	'count',
	'share',
	'cumulativeShare',
] as const satisfies ReadonlyArray<keyof BandRecord>;

/** A record of `gqx export --level service-levels`: one queue (and media type), one what-if time. */
export type ServiceLevelRecord = {
	queueId: string;
	queueName: string;
	mediaType: string | null;
	seconds: number;
	serviceLevel: number | null;
};

export const serviceLevelRecordFields = [
	'queueId',
	'queueName',
	'mediaType',
	'seconds',
	'serviceLevel',
] as const satisfies ReadonlyArray<keyof ServiceLevelRecord>;

/** The records' rows: every queue with traffic (or those chosen), named, by media type too with --by-media, in order. */
async function exportRows(
	client: Parameters<LevelExport['stream']>[0],
	request: ExportRequest,
	under: Parameters<typeof import('../genesys/bands.js').fetchWaitBands>[1]['under'],
	callbacks: ExportCallbacks<unknown>,
): Promise<
	Array<{
		queueId: string;
		queueName: string;
		mediaType: string | null;
		bags: StatsBag[];
		byMedia: Map<string, StatsBag>;
	}>
> {
	const {fetchWaitBands} = await import('../genesys/bands.js');
	const stats = await fetchWaitBands(
		client,
		{
			start: request.range.start,
			end: request.range.end,
			timeZone: request.range.timeZone,
			...(request.queueIds ? {queueIds: request.queueIds} : {}),
			...(request.rowsBy ? {rowsBy: request.rowsBy} : {}),
			mediaTypes: request.mediaTypes,
			under,
		},
		{onProgress: callbacks.onProgress, onDrop: callbacks.onDrop},
	);
	const ids = [...stats.keys()];
	const nameOf = await rowNames(client, request, ids);
	const rows = [...stats].flatMap(([queueId, byMedia]) =>
		request.byMedia
			? [...byMedia].map(([media, bag]) => ({
					queueId,
					queueName: nameOf(queueId),
					mediaType: media === '' ? null : media,
					bags: [bag],
					byMedia: new Map([[media, bag]]),
				}))
			: [{queueId, queueName: nameOf(queueId), mediaType: null, bags: [...byMedia.values()], byMedia}],
	);
	return rows.sort(
		(a, b) =>
			compareText(a.queueName, b.queueName) ||
			a.queueId.localeCompare(b.queueId) ||
			(a.mediaType ?? '').localeCompare(b.mediaType ?? ''),
	);
}

/** The rows' names: skills' or languages' from their listing, queues' known from --queue's listing, else looked up. */
async function rowNames(
	client: Parameters<LevelExport['stream']>[0],
	request: ExportRequest,
	ids: string[],
): Promise<(id: string) => string> {
	if (request.rowsBy) {
		const {fetchRoutingNames} = await import('../genesys/routing-names.js');
		return (await fetchRoutingNames(client, request.rowsBy, ids)).nameOf;
	}
	const {fetchQueueNames, deletedQueueName} = await import('../genesys/queues.js');
	const known = request.knownQueues ?? (await fetchQueueNames(client, ids));
	return id => known.get(id)?.name ?? deletedQueueName(id);
}

const bandsExport: LevelExport<BandRecord> = {
	name: 'bands',
	help: 'one record per queue (--by-media: and media), outcome and wait band (--bands 5,15,30,60,180)',
	dated: true,
	granularity: 'no',
	byMedia: true,
	compare: false,
	byRows: true,
	takes: ['bands'],
	spec: () => ({fields: bandRecordFields}),
	async stream(client, request, callbacks) {
		const edges = request.bandEdges ?? defaultBandEdges;
		const {boundsFor} = await import('../metrics/bands.js');
		const rows = await exportRows(client, request, boundsFor(edges, [], new Map()), callbacks);
		const note = unavailableNote(rows.flatMap(row => row.bags));
		if (note) callbacks.onNotice?.(`${note} Their counts are null.`);
		const records = rows.flatMap(({queueId, queueName, mediaType, bags}) =>
			waitOutcomes.flatMap(outcome =>
				bandCounts(bags, outcome, edges).bands.map(({band, count, share, cumulativeShare}) => ({
					queueId,
					queueName,
					mediaType,
					outcome,
					fromSeconds: band.fromSeconds,
					toSeconds: band.toSeconds,
					count,
					share,
					cumulativeShare,
				})),
			),
		);
		await callbacks.onRecords(records);
		return {};
	},
};

export const serviceLevelsExport: LevelExport<ServiceLevelRecord> = {
	name: 'service-levels',
	help: 'per queue (--by-media: and media type) and time: the SL had the SL time been it (--at 10,20,30,60)',
	dated: true,
	granularity: 'no',
	byMedia: true,
	compare: false,
	byRows: true,
	takes: ['at'],
	spec: () => ({fields: serviceLevelRecordFields}),
	async stream(client, request, callbacks) {
		const seconds = request.atSeconds ?? whatIfSeconds;
		const rows = await exportRows(
			client,
			request,
			{answered: seconds.map(time => time * 1000), abandoned: []},
			callbacks,
		);
		const note = unavailableNote(
			rows.flatMap(row => row.bags),
			['answered'],
		);
		if (note) callbacks.onNotice?.(`${note} Their service levels are null.`);
		const records = rows.flatMap(({queueId, queueName, mediaType, byMedia}) =>
			whatIfs(byMedia, seconds, new Map()).points.map(point => ({
				queueId,
				queueName,
				mediaType,
				seconds: point.seconds,
				serviceLevel: point.serviceLevel,
			})),
		);
		await callbacks.onRecords(records);
		return {};
	},
};

export const bandsLevel: LevelModule = {
	id: 'bands',
	description:
		'how long a queue’s (media type’s, interval’s, agent’s, wrap-up code’s) answered and abandoned waited, by band, and the service level what-if',
	nameHeader: 'Wait',
	emptyText: 'No answered or abandoned conversations in this row.',
	defaultSort: {column: 'name', descending: false},
	byKey: true,
	usesGranularity: false,
	columns: bandColumns,
	request(ref) {
		const {queueId = '', mediaType, interval, member, memberKind, rowsBy} = ref.context;
		// An agent's or a wrap-up code's row: its conversations only (work without a code has no filter of its own).
		const only =
			member !== undefined && memberKind
				? {dimension: memberKind === 'agents' ? ('userId' as const) : ('wrapUpCode' as const), id: member}
				: undefined;
		// The session's bands (`--bands`, else the profile's), carried in the context from the first level.
		const edges = ref.context.bandEdges ?? defaultBandEdges;
		return {
			key: `bands\u0000${queueId}\u0000${mediaType ?? ''}\u0000${interval ?? ''}\u0000${edges.join(',')}\u0000${memberKind ?? ''}:${member ?? ''}${rowsBy ? `\u0000${rowsBy}` : ''}`,
			label: 'loading wait bands',
			async load(client, range, {signal, onProgress, onDrop}): Promise<BandsData> {
				if (only?.id === '') return {byMedia: new Map(), targets: new Map(), edges, noFilter: true};
				const [{fetchWaitBands}, {fetchQueueNames}, {boundsFor}] = await Promise.all([
					import('../genesys/bands.js'),
					import('../genesys/queues.js'),
					import('../metrics/bands.js'),
				]);
				// A queue's own SL times are marked in the what-if; a skill or language has none of its own.
				const info = rowsBy ? undefined : (await fetchQueueNames(client, [queueId], {signal})).get(queueId);
				const targets = new Map<string, number>();
				for (const [media, level] of Object.entries(info?.serviceLevels ?? {}))
					if (level.durationMs !== undefined && (!mediaType || media === mediaType))
						targets.set(media, level.durationMs);
				const stats = await fetchWaitBands(
					client,
					{
						...rowRange(ref, range),
						queueIds: [queueId],
						...(rowsBy ? {rowsBy} : {}),
						...(mediaType ? {mediaTypes: [mediaType]} : {}),
						// An agent's or a code's row has no abandons: their views are not asked.
						under: {...boundsFor(edges, whatIfSeconds, targets), ...(only ? {abandoned: []} : {})},
						...(only ? {member: only} : {}),
					},
					{signal, onProgress, onDrop},
				);
				return {byMedia: stats.get(queueId) ?? new Map(), targets, edges};
			},
		};
	},
	exportFields: explorerExportFields,
	rows(data, ref): LevelRows {
		const bands = data as BandsData;
		const {queueId = null, queueName = '', mediaType = null, interval = null} = ref.context;
		const bags = [...bands.byMedia.values()];
		const identity = {queueId: null, queueName: '', mediaType: null, interval: null};
		const rows: DisplayRow[] = bandCells(bags, bands.edges).map(({band, ...cells}) => {
			const label = bandLabel(band);
			return {
				// Keys in band order (name order is key order).
				key: String(band.fromSeconds).padStart(9, '0'),
				label,
				search: label,
				row: {...toRow(identity, {}), ...cells},
				stats: {},
				// What `e` writes: the row's band as numbers (no bars), the interval the range's when not an interval row.
				record: {
					queueId,
					queueName,
					mediaType,
					interval,
					fromSeconds: band.fromSeconds,
					toSeconds: band.toSeconds,
					...Object.fromEntries(
						explorerExportFields.slice(6).map(field => [field, cells[field as keyof typeof cells]]),
					),
				},
			};
		});
		const {numerator, denominator} = serviceLevelTerms(bags);
		const any = waitOutcomes.some(outcome => bandCounts(bags, outcome, bands.edges).total > 0);
		const note = bands.noFilter
			? 'Work without a wrap-up code has no wait bands of its own: the queue’s (b on the queue) include it.'
			: unavailableNote(bags);
		return {
			rows: any ? rows : [],
			footline: whatIfLine(bands, denominator > 0 ? numerator / denominator : null),
			...(note ? {note} : {}),
		};
	},
	total(total, rows) {
		// An outcome without its views has no total of its bands either.
		const sum = (field: 'bandAnswered' | 'bandAbandoned') =>
			rows.some(row => row.row[field] === null) ? null : rows.reduce((all, row) => all + (row.row[field] ?? 0), 0);
		const answered = sum('bandAnswered');
		const abandoned = sum('bandAbandoned');
		return {
			...total,
			bandAnswered: answered,
			bandAnsweredShare: answered ? 1 : null,
			bandAnsweredBar: '',
			bandAnsweredCumulative: null,
			bandAbandoned: abandoned,
			bandAbandonedShare: abandoned ? 1 : null,
			bandAbandonedBar: '',
			bandAbandonedCumulative: null,
		};
	},
	opens: {},
	openContext: (_row, ref) => ref.context,
	// An interval row's bands are compared with the same interval of the other period, not with itself.
	comparedRef: (ref, {days, timeZone}) =>
		ref.context.interval
			? {...ref, context: {...ref.context, interval: shiftInterval(ref.context.interval, -days, timeZone)}}
			: ref,
	export: bandsExport,
	// From a media or interval row the queue is in the breadcrumb already (and the media type, from an interval row).
	crumb: ({context}) =>
		context.memberName !== undefined
			? `${context.memberName} wait bands`
			: context.intervalLabel
				? `${context.intervalLabel} wait bands`
				: context.mediaType
					? `${context.mediaType} wait bands`
					: `${context.queueLabel ?? context.queueName ?? ''} › wait bands`,
	key: {
		action: 'bands',
		key: 'b',
		short: 'bands',
		description: 'wait bands of the row; SL what-if = answered within T / (offered − flow-outs)',
		footer: false,
	},
};
