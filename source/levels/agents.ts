// A queue's agents for the range (`a` on a queue or media row), and one agent's intervals in that queue.
import {agentFields} from '../metrics/drill-rows.js';
import {type DrillConfig, drillIntervalsLevel, drillLevel, percentOf} from './drill.js';

const agents: DrillConfig = {
	kind: 'agents',
	dimension: 'userId',
	id: 'agents',
	intervalsId: 'agent-intervals',
	description: 'the agents of one queue (or one queue and media type)',
	intervalsDescription: 'one agent in one queue by interval',
	nameHeader: 'Agent',
	emptyText: 'No agent handled work in this queue in this range.',
	columns: [
		'answered',
		'handled',
		'ahtMs',
		'avgTalkMs',
		'avgHoldMs',
		'avgAcwMs',
		'transferred',
		'notResponding',
		'share',
	],
	sparklines: ['answered', 'ahtMs'],
	defaultSort: {column: 'answered', descending: true},
	exportFields: agentFields,
	exportHelp: 'one record per queue and agent (--by-media, --granularity: and media, bucket)',
	crumb: 'agents',
	key: {action: 'agents', key: 'a', short: 'agents', description: 'agents of the queue or media row', footer: true},
	async names(client, members, signal) {
		const {fetchUserNames} = await import('../genesys/users.js');
		return {nameOf: await fetchUserNames(client, members, {signal})};
	},
	// Work without a user is not an agent's: say how much of the queue's handled work the agents cover.
	note: ({handledListed, handledAll}) =>
		handledAll > 0 ? `agents: ${percentOf(handledListed, handledAll)} of handled` : undefined,
};

export const agentsLevel = drillLevel(agents);
export const agentIntervalsLevel = drillIntervalsLevel(agents);
