// A flow's numbers from its aggregate statistics: entered, how the sessions ended (in the flow, to a queue,
// elsewhere), containment, time in flow, outcomes; and the records `gqx export --level flows|flow-outcomes` writes.
import type {StatsBag} from '../genesys/stats.js';
import {averageMs} from '../genesys/timers.js';

/**
 * The exits to a queue, kept apart in a flow's statistics: `tFlowExit` of the answers grouped by `transferType`
 * whose value is ACD (the flows level asks so), added up under this name beside the whole `tFlowExit`.
 */
export const exitToQueueMetric = 'tFlowExit.ACD';

/** A flow's and an outcome's cells (the flows and flow-outcomes levels' columns). */
export type FlowCells = {
	entered: number;
	disconnected: number;
	exitedToQueue: number;
	exitedOther: number;
	/** disconnected ÷ (disconnected + exitedToQueue + exitedOther): the sessions that ended in the flow. */
	containmentRate: number | null;
	avgFlowMs: number | null;
	outcomesStarted: number;
	outcomesSucceeded: number;
	outcomesFailed: number;
	/** succeeded ÷ started. */
	successRate: number | null;
	avgOutcomeMs: number | null;
	/** Conversations in the flow now (`oFlow` of the flow observations): a range with today only, else null. */
	inFlowNow: number | null;
};

export type FlowField = keyof FlowCells;

function count(stats: StatsBag, metric: string): number {
	return stats[metric]?.count ?? 0;
}

/** The observation of conversations in a flow now, kept in a flow's statistics beside the aggregates. */
export const inFlowNowMetric = 'oFlow';

/** Whether statistics are a flow's (toRow adds the flow cells then, and only then). */
export function hasFlowStats(stats: StatsBag): boolean {
	return (
		stats['nFlow'] !== undefined ||
		stats[inFlowNowMetric] !== undefined ||
		stats['tFlow'] !== undefined ||
		stats['nFlowOutcome'] !== undefined ||
		stats['tFlowOutcome'] !== undefined
	);
}

export function flowCells(stats: StatsBag): FlowCells {
	const disconnected = count(stats, 'tFlowDisconnect');
	const exited = count(stats, 'tFlowExit');
	const exitedToQueue = count(stats, exitToQueueMetric);
	const ended = disconnected + exited;
	const started = count(stats, 'nFlowOutcome');
	const succeeded = count(stats, 'tFlowOutcome');
	return {
		entered: count(stats, 'nFlow'),
		disconnected,
		exitedToQueue,
		exitedOther: exited - exitedToQueue,
		containmentRate: ended > 0 ? disconnected / ended : null,
		avgFlowMs: averageMs(stats['tFlow']),
		outcomesStarted: started,
		outcomesSucceeded: succeeded,
		outcomesFailed: count(stats, 'nFlowOutcomeFailed'),
		successRate: started > 0 ? succeeded / started : null,
		avgOutcomeMs: averageMs(stats['tFlowOutcome']),
		inFlowNow: stats[inFlowNowMetric]?.count ?? null,
	};
}

/** `gqx export --level flows`: a flow (and its media type, and interval when by interval). */
/** A flow's numbers, in the order every flow record writes them. */
export const flowNumberFields = [
	'entered',
	'disconnected',
	'exitedToQueue',
	'exitedOther',
	'containmentRate',
	'avgFlowMs',
	'outcomesSucceeded',
	'outcomesFailed',
] as const;

export const flowFields = ['flowId', 'flowName', 'flowType', 'mediaType', 'interval', ...flowNumberFields] as const;

/** `gqx export --level flow-outcomes`: an outcome of a flow. */
export const flowOutcomeFields = [
	'flowId',
	'flowName',
	'outcomeId',
	'outcomeName',
	'interval',
	'started',
	'succeeded',
	'failed',
	'successRate',
	'avgOutcomeMs',
] as const;

export type FlowRecord = Record<(typeof flowFields)[number], string | number | null>;
export type FlowOutcomeRecord = Record<(typeof flowOutcomeFields)[number], string | number | null>;

export type FlowIdentity = {flowId: string | null; flowName: string; flowType: string | null; mediaType: string | null};

export function flowRecord(identity: FlowIdentity, interval: string | null, cells: FlowCells): FlowRecord {
	return {
		...identity,
		interval,
		entered: cells.entered,
		disconnected: cells.disconnected,
		exitedToQueue: cells.exitedToQueue,
		exitedOther: cells.exitedOther,
		containmentRate: cells.containmentRate,
		avgFlowMs: cells.avgFlowMs,
		outcomesSucceeded: cells.outcomesSucceeded,
		outcomesFailed: cells.outcomesFailed,
	};
}

export function flowOutcomeRecord(
	flow: {flowId: string | null; flowName: string},
	outcome: {outcomeId: string | null; outcomeName: string},
	interval: string | null,
	cells: FlowCells,
): FlowOutcomeRecord {
	return {
		...flow,
		...outcome,
		interval,
		started: cells.outcomesStarted,
		succeeded: cells.outcomesSucceeded,
		failed: cells.outcomesFailed,
		successRate: cells.successRate,
		avgOutcomeMs: cells.avgOutcomeMs,
	};
}
