// Which columns and rows a dropped statistic touches: the table marks those cells (a footnote mark).
import type {DroppedStatistic} from '../genesys/dropped-statistics.js';
import {holdTimer, talkTimer} from '../genesys/timers.js';
import type {MetricField} from './catalog.js';

/** The columns a Genesys metric feeds: those lose part of their data when it is dropped. */
const fieldsByMetric: Record<string, readonly MetricField[]> = {
	nOffered: ['offered', 'answerRate', 'abandonRate'],
	tAnswered: ['answered', 'answerRate', 'asaMs'],
	tAbandon: ['abandoned', 'abandonRate'],
	tFlowOut: ['flowOuts'],
	tShortAbandon: ['shortAbandoned'],
	nTransferred: ['transferred'],
	nOverSla: ['overSla'],
	oServiceLevel: ['serviceLevel', 'serviceLevelTarget'],
	tWait: ['avgWaitMs'],
	tHandle: ['ahtMs'],
	[talkTimer]: ['avgTalkMs'],
	[holdTimer]: ['avgHoldMs'],
	tAcw: ['avgAcwMs'],
};

const allFields = [...new Set(Object.values(fieldsByMetric).flat())];

/** The columns whose numbers miss a dropped statistic (every column for a dropped bucket). */
export function fieldsMissing(dropped: DroppedStatistic): readonly MetricField[] {
	return dropped.metric === null ? allFields : (fieldsByMetric[dropped.metric] ?? []);
}

/** Whether a row (null: rolled up over that part) holds the place the statistic was dropped from. */
export function rowHolds(
	row: {queueId: string | null; mediaType: string | null; interval: string | null},
	dropped: DroppedStatistic,
): boolean {
	return (
		(row.queueId === null || row.queueId === dropped.queueId) &&
		(row.mediaType === null || row.mediaType === dropped.mediaType) &&
		(row.interval === null || dropped.interval === null || row.interval === dropped.interval)
	);
}
