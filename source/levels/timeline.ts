// One conversation step by step: Enter on a conversation lists every participant's segments in time order (IVR,
// waiting in queue, alerting, not responding, talking, hold, wrap-up) with who, how long, the wrap-up code and the
// disconnect type.
import {DateTime} from 'luxon';
import {timelineColumns} from '../metrics/catalog.js';
import type {QueueRow} from '../metrics/queue-row.js';
import {toRow} from '../metrics/rows.js';
import type {Conversation} from '../genesys/details.js';
import type {TimelineStep} from '../metrics/conversations.js';
import type {DisplayRow, LevelModule} from './types.js';

export type TimelineData = {conversation: Conversation; steps: TimelineStep[]};

export const timelineLevel: LevelModule = {
	id: 'timeline',
	description: 'one conversation, step by step: each participant’s segments in time order',
	nameHeader: 'Time',
	emptyText: 'This conversation has no segments.',
	defaultSort: {column: 'name', descending: false},
	byKey: true,
	usesGranularity: false,
	columns: timelineColumns,
	uncompared: true,
	exportFields: ['conversationId', 'start', 'who', 'what', 'durationMs', 'queueName', 'wrapUpName', 'disconnect'],
	request: ({context: {conversationId = '', queueId, queueName}}) => ({
		key: `timeline\u0000${conversationId}`,
		label: 'loading the conversation',
		async load(client, _range, {signal}): Promise<TimelineData> {
			const {fetchTimeline} = await import('../reports/conversations.js');
			return fetchTimeline(client, conversationId, {
				signal,
				queueName: id => (id === queueId ? queueName : undefined),
			});
		},
	}),
	rows(data, _ref, {timeZone}) {
		const {steps, conversation} = data as TimelineData;
		const rows: DisplayRow[] = steps.map((step, index) => {
			const label = Number.isFinite(step.startMs)
				? DateTime.fromMillis(step.startMs).setZone(timeZone).toFormat('HH:mm:ss')
				: '';
			const row: QueueRow = {
				...toRow({queueId: null, queueName: label, mediaType: null, interval: null}, {}),
				who: step.who,
				step: step.what,
				durationMs: step.durationMs,
				wrapUp: step.wrapUpName ?? '',
				disconnect: step.disconnect ?? '',
			};
			return {
				// Steps keep their order: the key is their place.
				key: String(index).padStart(5, '0'),
				label,
				search: label,
				searchAlso: [step.who, step.what, step.wrapUpName ?? '', step.queueName ?? ''].join(' ').toLowerCase(),
				row,
				stats: {},
				record: {
					conversationId: conversation.conversationId,
					start: Number.isFinite(step.startMs) ? new Date(step.startMs).toISOString() : null,
					...step,
				},
			};
		});
		return {rows, note: `conversation ${conversation.conversationId} (y copies the id)`};
	},
	opens: {},
	openContext: (_row, ref) => ref.context,
	// The whole conversation: how many steps, from the first start to the last end.
	total: (total, rows) => {
		const steps = rows.map(row => row.record as TimelineStep);
		const start = Math.min(...steps.map(step => step.startMs));
		const end = Math.max(...steps.map(step => step.startMs + (step.durationMs ?? 0)));
		return {
			...total,
			queueName: `${rows.length} step${rows.length === 1 ? '' : 's'}`,
			durationMs: steps.length > 0 && Number.isFinite(end - start) ? end - start : null,
		};
	},
	copyRow: ref => ({text: ref.context.conversationId ?? '', what: 'the conversation id'}),
	crumb: ref => `…${(ref.context.conversationId ?? '').slice(-8)}`,
};
