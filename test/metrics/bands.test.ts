// The wait bands' math on its own: bands from cumulative views, bars, and the what-if at each media type's own SL time.
import {describe, expect, it} from 'vitest';
import {underViewName} from '../../source/genesys/wait-views.js';
import {bandCounts, bandLabel, bandsOf, boundsFor, shareBar, whatIfs} from '../../source/metrics/bands.js';

const under = (outcome: 'answered' | 'abandoned', entries: Array<[number, number]>) =>
	Object.fromEntries(entries.map(([ms, count]) => [underViewName(outcome, ms), {count}]));

describe('wait bands', () => {
	it('makes bands from cumulative views, the open band what is left of the total', () => {
		const bag = {
			tAnswered: {count: 100},
			...under('answered', [
				[10_000, 40],
				[30_000, 90],
			]),
		};
		const {total, bands} = bandCounts([bag], 'answered', [10, 30]);
		expect(total).toBe(100);
		expect(bands.map(band => [bandLabel(band.band), band.count, band.share, band.cumulativeShare])).toEqual([
			['0-10 s', 40, 0.4, 0.4],
			['10-30 s', 50, 0.5, 0.9],
			['30+ s', 10, 0.1, 1],
		]);
		expect(bandsOf([])).toEqual([{fromSeconds: 0, toSeconds: null}]);
	});

	it('draws bars in eighths, the largest band six cells, any conversation at least an eighth', () => {
		expect(shareBar(0.5, 0.5)).toBe('██████');
		expect(shareBar(0.25, 0.5)).toBe('███');
		expect(shareBar(0.001, 0.5)).toBe('▏');
		expect(shareBar(0, 0.5)).toBe('');
		expect(shareBar(null, 0.5)).toBe('');
	});

	it('asks answered bounds for the band ends, the what-if times and the targets, once each', () => {
		expect(
			boundsFor(
				[10, 20],
				[20, 45],
				new Map([
					['voice', 20_000],
					['chat', 60_000],
				]),
			),
		).toEqual({
			answered: [10_000, 20_000, 45_000, 60_000],
			abandoned: [10_000, 20_000],
		});
	});

	it('works the what-if over the SL denominator, and at each media type’s own time for the target', () => {
		const byMedia = new Map([
			[
				'voice',
				{
					oServiceLevel: {numerator: 70, denominator: 100},
					...under('answered', [
						[20_000, 70],
						[60_000, 90],
					]),
				},
			],
			[
				'chat',
				{
					oServiceLevel: {numerator: 40, denominator: 50},
					...under('answered', [
						[20_000, 30],
						[60_000, 40],
					]),
				},
			],
		]);
		const times = new Map([
			['voice', 20_000],
			['chat', 60_000],
		]);
		const {points, atTarget} = whatIfs(byMedia, [20, 60], times);
		expect(points.map(point => point.serviceLevel)).toEqual([100 / 150, 130 / 150]);
		// Voice at 20 s and chat at 60 s: the SL % of the two together.
		expect(atTarget).toEqual({seconds: null, serviceLevel: 110 / 150});
		// One time for all: it is marked among the points.
		const voice = whatIfs(new Map([['voice', byMedia.get('voice')!]]), [20, 60], times);
		expect(voice.atTarget).toEqual({seconds: 20, serviceLevel: 0.7});
		expect(voice.points.map(point => point.target === true)).toEqual([true, false]);
		// A media type with traffic but no SL time known: no target to tell.
		expect(whatIfs(byMedia, [20], new Map([['voice', 20_000]])).atTarget).toBeUndefined();
	});
});
