// The conversations behind a number: Enter on an interval (of a queue's media, an agent's or a wrap-up code's) or
// `x` on a queue, media, agent or wrap-up row lists the conversations that made it, one row per visit to the queue;
// Enter on one opens its timeline. `gqx export --level conversations` writes the same records.
import {conversationColumns} from '../metrics/catalog.js';
import type {ConversationCells, QueueRow} from '../metrics/queue-row.js';
import {toRow} from '../metrics/rows.js';
import type {StatsBag} from '../genesys/stats.js';
import {holdTimer, talkTimer} from '../genesys/timers.js';
import type {DetailsSummary, OutcomeFilter} from '../genesys/details.js';
import {
	type ConversationVisit,
	conversationFields,
	disconnectText,
	matchesOutcome,
	outcomeText,
	startText,
} from '../metrics/conversations.js';
import {formatCount, formatDuration} from '../metrics/format.js';
import type {DisplayRow, LevelContext, LevelExport, LevelModule, LevelRows, QuickFilter} from './types.js';

/** What the level's load leaves: the visits so far, and (once done) what the listing saw. */
export type ConversationsData = {visits: readonly ConversationVisit[]; summary?: DetailsSummary};

/** One conversation's visit as the numbers of a row: counts of 0 or 1, and its times as one-conversation averages. */
export function visitStats(visit: ConversationVisit): StatsBag {
	const stats: StatsBag = {nOffered: {count: 1}};
	const timer = (name: string, value: number | null) => {
		if (value !== null) stats[name] = {count: 1, sum: value, min: value, max: value};
	};
	if (visit.outcome === 'answered') timer('tAnswered', visit.waitMs);
	if (visit.outcome === 'abandoned' || visit.outcome === 'shortAbandoned') timer('tAbandon', visit.waitMs);
	if (visit.outcome === 'shortAbandoned') timer('tShortAbandon', visit.waitMs);
	if (visit.outcome === 'flowOut') timer('tFlowOut', visit.waitMs);
	timer('tWait', visit.waitMs);
	timer('tHandle', visit.handleMs);
	timer(talkTimer, visit.talkMs);
	timer(holdTimer, visit.holdMs);
	timer('tAcw', visit.acwMs);
	if (visit.transferred) stats['nTransferred'] = {count: 1};
	if (visit.overSla) stats['nOverSla'] = {count: 1};
	return stats;
}

function cellsOf(visit: ConversationVisit): Partial<ConversationCells> {
	return {
		media: visit.mediaType ?? '',
		direction: visit.direction ?? '',
		outcome: outcomeText(visit.outcome),
		agent: visit.userName ?? '',
		wrapUp: visit.wrapUpCodeName ?? '',
		disconnect: disconnectText(visit),
		shortId: visit.conversationId.slice(-8),
		waitMs: visit.waitMs,
		talkMs: visit.talkMs,
		holdMs: visit.holdMs,
		acwMs: visit.acwMs,
		handleMs: visit.handleMs,
	};
}

/** The key of a visit's row: its queue entry first, so key order is time order. */
function visitKey(visit: ConversationVisit): string {
	return `${new Date(visit.enteredMs).toISOString()}\u0000${visit.conversationId}\u0000${visit.queueId}`;
}

export function visitRow(visit: ConversationVisit, timeZone: string): DisplayRow {
	const stats = visitStats(visit);
	const row: QueueRow = {
		...toRow({queueId: visit.queueId, queueName: visit.queueName, mediaType: visit.mediaType, interval: null}, stats),
		...cellsOf(visit),
	};
	const label = startText(visit.enteredMs, timeZone);
	const cells = cellsOf(visit);
	return {
		key: visitKey(visit),
		label,
		search: label.toLowerCase(),
		searchAlso: [cells.outcome, cells.agent, cells.wrapUp, cells.media, cells.disconnect, visit.conversationId]
			.join(' ')
			.toLowerCase(),
		row,
		stats,
		record: visit,
	};
}

/** Which cell's count the list is held against, by where it was opened from. */
export type CellCount = NonNullable<LevelContext['cell']>;

/** The status line: how many, and how that compares with the number of the row it was opened from. */
export function conversationsNote(
	visits: readonly ConversationVisit[],
	summary: DetailsSummary | undefined,
	cell?: CellCount,
): string {
	const count = (field: CellCount['field']) =>
		field === 'offered'
			? visits.length
			: field === 'answered'
				? visits.filter(visit => visit.outcome === 'answered').length
				: visits.filter(visit => visit.handleMs !== null).length;
	const parts = [`${formatCount(visits.length)} conversation${visits.length === 1 ? '' : 's'} (o: by outcome)`];
	if (!summary) parts.push('listing…');
	if (summary && cell) {
		const here = count(cell.field);
		const gap = here - cell.count;
		if (gap !== 0)
			parts.push(
				`${formatCount(Math.abs(gap))} ${gap > 0 ? 'more' : 'fewer'} ${cell.field} than the row's ${formatCount(cell.count)}: a conversation counts where it entered the queue`,
			);
	}
	for (const stop of summary?.truncated ?? [])
		parts.push(`a limit stopped the listing: ${formatCount(stop.total - stop.listed)} not listed (narrow the range)`);
	for (const gap of summary?.gaps ?? [])
		parts.push(`${formatCount(gap.total - gap.listed)} fewer than the server counted (rows moved while listing: r)`);
	if (summary && summary.duplicates > 0) parts.push(`${formatCount(summary.duplicates)} repeated rows dropped`);
	return parts.join(' · ');
}

const quickFilter: QuickFilter = {
	key: 'o',
	title: 'outcome',
	choices: [
		{label: 'all', test: () => true},
		...(
			[
				['abandoned', 'abandoned'],
				['answered', 'answered'],
				['over SL time', 'overSla'],
				['flow-out', 'flowOut'],
			] as Array<[string, OutcomeFilter]>
		).map(([label, outcome]) => ({
			label,
			test: (row: DisplayRow) => matchesOutcome(row.record as ConversationVisit, outcome),
		})),
	],
};

function requestKey(context: LevelContext): string {
	return [
		'conversations',
		context.queueId ?? '',
		context.mediaType ?? '',
		context.interval ?? '',
		context.memberKind ?? '',
		context.member ?? '',
	].join('\u0000');
}

/** The totals row: the rows' average times, and how many were answered. */
function averages(total: QueueRow): QueueRow {
	return {
		...total,
		queueName: total.queueName.replace('Total', 'Average'),
		waitMs: total.avgWaitMs,
		talkMs: total.avgTalkMs,
		holdMs: total.avgHoldMs,
		acwMs: total.avgAcwMs,
		handleMs: total.ahtMs,
		outcome: `${formatCount(total.answered)} answered`,
	};
}

export const conversationsLevel: LevelModule = {
	id: 'conversations',
	description: 'the conversations of a queue (its media, interval, agent or wrap-up code), one row per queue visit',
	nameHeader: 'Entered queue',
	emptyText: 'No conversations entered this queue then.',
	defaultSort: {column: 'name', descending: false},
	byKey: true,
	usesGranularity: false,
	columns: conversationColumns,
	exportFields: conversationFields,
	quickFilter,
	uncompared: true,
	total: averages,
	request: ref => ({
		key: requestKey(ref.context),
		label: 'listing conversations',
		async load(client, range, {signal, onProgress, onPartial, revealAddresses}): Promise<ConversationsData> {
			const {streamVisits} = await import('../reports/conversations.js');
			const {context} = ref;
			const [from, to] = (context.interval ?? '').split('/');
			const {DateTime} = await import('luxon');
			const start = from ? DateTime.fromISO(from, {setZone: true}) : range.start;
			const end = to ? DateTime.fromISO(to, {setZone: true}) : range.end;
			const visits: ConversationVisit[] = [];
			// The rows so far, at most four times a second: each is a new table of every row.
			let shownAt = 0;
			const summary = await streamVisits(
				client,
				{
					start,
					end,
					queueIds: context.queueId ? [context.queueId] : [],
					...(context.mediaType ? {mediaTypes: [context.mediaType]} : {}),
					...(context.memberKind === 'agents' && context.member ? {userId: context.member} : {}),
					...(context.memberKind === 'wrapups' && context.member !== undefined ? {wrapUpCode: context.member} : {}),
					reveal: revealAddresses === true,
					queueName: id => (id === context.queueId ? context.queueName : undefined),
				},
				{
					signal,
					onProgress: progress =>
						onProgress?.({done: progress.listed, total: Math.max(progress.estimate ?? 0, progress.listed)}),
					onVisits: page => {
						visits.push(...page);
						// The first page is on screen while the rest come.
						if (shownAt === 0 || performance.now() - shownAt >= 250) {
							shownAt = performance.now();
							onPartial?.({visits: [...visits]} satisfies ConversationsData);
						}
					},
				},
			);
			return {visits, summary} satisfies ConversationsData;
		},
	}),
	rows(data, ref, {timeZone}): LevelRows {
		const {visits, summary} = data as ConversationsData;
		return {
			rows: visits.map(visit => visitRow(visit, timeZone)),
			note: conversationsNote(visits, summary, ref.context.cell),
		};
	},
	opens: {drill: 'timeline'},
	openContext: (row, ref) => ({...ref.context, conversationId: row.key.split('\u0000')[1] ?? ''}),
	// From an interval, its label (the media type is in the breadcrumb already); from a row, the media type if any.
	crumb: ({context}) =>
		`${context.interval ? (context.intervalLabel ?? '') : (context.mediaType ?? '')} conversations`.trim(),
	key: {
		action: 'conversations',
		key: 'x',
		short: 'conversations',
		description: 'the conversations of the row (a queue, media type, agent or wrap-up code) in the range',
		footer: true,
	},
	export: conversationsExport(),
};

/** `gqx export --level conversations`: a record per conversation and queue it entered in the range. */
function conversationsExport(): LevelExport<ConversationVisit> {
	return {
		name: 'conversations',
		help: 'a record per conversation and queue it was offered to (--outcome, --agent, --reveal-addresses)',
		dated: true,
		granularity: 'no',
		byMedia: false,
		compare: false,
		takes: ['outcome', 'agent', 'reveal-addresses'],
		spec: ({range}) => ({
			fields: conversationFields,
			table: {
				empty: 'No conversations in this range.\n',
				columns: () => [
					{header: 'Entered queue', align: 'left', text: visit => startText(visit.enteredMs, range.timeZone)},
					{header: 'Queue', align: 'left', cap: 30, text: visit => visit.queueName},
					{header: 'Media', align: 'left', text: visit => visit.mediaType ?? ''},
					{header: 'Outcome', align: 'left', text: visit => outcomeText(visit.outcome)},
					...(['waitMs', 'handleMs'] as const).map(field => ({
						header: field === 'waitMs' ? 'Wait' : 'Handle',
						align: 'right' as const,
						text: (visit: ConversationVisit) => formatDuration(visit[field]),
					})),
					{header: 'Agent', align: 'left', cap: 24, text: visit => visit.userName ?? ''},
					{header: 'Wrap-up', align: 'left', cap: 20, text: visit => visit.wrapUpCodeName ?? ''},
					{header: 'Id', align: 'left', text: visit => visit.conversationId.slice(-8)},
				],
			},
		}),
		async stream(client, request, callbacks) {
			const {streamVisits} = await import('../reports/conversations.js');
			const queueNames = new Map([...(request.knownQueues?.values() ?? [])].map(queue => [queue.id, queue.name]));
			const summary = await streamVisits(
				client,
				{
					start: request.range.start,
					end: request.range.end,
					queueIds: request.queueIds ?? [],
					mediaTypes: request.mediaTypes,
					...(request.agentId ? {userId: request.agentId} : {}),
					...(request.outcome ? {outcome: request.outcome} : {}),
					reveal: request.revealAddresses === true,
					queueName: id => queueNames.get(id),
				},
				{
					onProgress: progress =>
						callbacks.onProgress?.({done: progress.listed, total: Math.max(progress.estimate ?? 0, progress.listed)}),
					onVisits: visits => callbacks.onRecords(visits),
				},
			);
			for (const stop of summary.truncated)
				callbacks.onNotice?.(
					`A limit stopped the listing of ${stop.interval}: ${formatCount(stop.total - stop.listed)} of ${formatCount(stop.total)} conversations not listed. Export a shorter range.`,
				);
			for (const gap of summary.gaps)
				callbacks.onNotice?.(
					`The server counted ${formatCount(gap.total)} conversations in ${gap.interval} but listed ${formatCount(gap.listed)}: rows move between pages while a day has traffic. Export again to check.`,
				);
			return {};
		},
	};
}
