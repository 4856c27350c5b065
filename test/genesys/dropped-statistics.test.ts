// The log of statistics left out of answers: each said once, and the rows and columns it touches.
import {expect, it} from 'vitest';
import {describeDropped, type DroppedStatistic, DroppedLog} from '../../source/genesys/dropped-statistics.js';
import {fieldsMissing, rowHolds} from '../../source/metrics/dropped.js';

const negative: DroppedStatistic = {
	queueId: 'q1',
	mediaType: 'voice',
	interval: '2026-03-02T00:00:00.000Z/2026-03-03T00:00:00.000Z',
	metric: 'tHandle',
	problem: 'a timer is negative',
};

it('keeps each dropped statistic once, however often an answer repeats it', () => {
	const heard: DroppedStatistic[] = [];
	const log = new DroppedLog(entry => heard.push(entry));
	log.add(negative);
	log.add({...negative});
	log.add({...negative, mediaType: 'chat'});
	expect(log.entries).toHaveLength(2);
	expect(heard).toHaveLength(2);
});

it('names queue, media, interval and metric, and the columns the metric feeds', () => {
	expect(describeDropped(negative, id => (id === 'q1' ? 'Billing' : id))).toBe(
		'Billing, voice, 2026-03-02T00:00:00.000Z/2026-03-03T00:00:00.000Z, tHandle: a timer is negative',
	);
	expect(fieldsMissing(negative)).toEqual(['ahtMs']);
	expect(fieldsMissing({...negative, metric: 'nOffered'})).toEqual(['offered', 'answerRate', 'abandonRate']);
	expect(fieldsMissing({...negative, metric: null})).toContain('serviceLevel');
});

it('touches the rows that hold its place: the queue, its media, its interval and every total above them', () => {
	const row = (queueId: string | null, mediaType: string | null, interval: string | null) => ({
		queueId,
		mediaType,
		interval,
	});
	expect(rowHolds(row('q1', null, null), negative)).toBe(true);
	expect(rowHolds(row('q1', 'voice', null), negative)).toBe(true);
	expect(rowHolds(row('q1', 'voice', negative.interval), negative)).toBe(true);
	expect(rowHolds(row(null, null, null), negative)).toBe(true);
	expect(rowHolds(row('q2', null, null), negative)).toBe(false);
	expect(rowHolds(row('q1', 'chat', null), negative)).toBe(false);
	expect(rowHolds(row('q1', 'voice', '2026-03-03T00:00:00.000Z/2026-03-04T00:00:00.000Z'), negative)).toBe(false);
});
