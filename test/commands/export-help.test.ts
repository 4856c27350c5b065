// `gqx export`'s levels come from the registry: its help and its checks name every level's export part, so a new
// level needs no line in commands/.
import {describe, expect, it} from 'vitest';
import {exportHelp} from '../../source/commands/export.js';
import {planExport} from '../../source/commands/export-plan.js';
import {UsageError} from '../../source/errors.js';
import {exportLevels} from '../../source/levels/registry.js';

const io = {stdout: {isTTY: false}, env: {}} as never;

function refusal(values: Record<string, unknown>): string {
	try {
		planExport(values, io);
	} catch (error) {
		expect(error).toBeInstanceOf(UsageError);
		return `${(error as UsageError).message} ${(error as UsageError).hint}`;
	}
	throw new Error('accepted');
}

describe('export levels from the registry', () => {
	it('the help has a line for each level, with what its record is', () => {
		expect(exportLevels.map(level => level.name)).toEqual([
			'queues',
			'media',
			'intervals',
			'hours',
			'agents',
			'wrapups',
			'conversations',
			'live',
			'agent-status',
			'flows',
			'flow-outcomes',
			'bands',
			'service-levels',
		]);
		for (const level of exportLevels) expect(exportHelp).toContain(`--level ${level.name.padEnd(18)}${level.help}`);
		expect(exportHelp).toContain('--by-media                --level hours|agents|wrapups|bands|service-levels:');
	});

	it('the checks name the levels that take each flag', () => {
		expect(refusal({level: 'skills'})).toBe(
			'Unknown level "skills". Use queues, media, intervals, hours, agents, wrapups, conversations, live, agent-status, flows, flow-outcomes, bands or service-levels.',
		);
		expect(refusal({level: 'hours', granularity: 'PT1H'})).toMatch(
			/^--granularity needs --level intervals, agents, wrapups, flows or flow-outcomes \(got --level hours\)/,
		);
		expect(refusal({level: 'queues', 'by-media': true})).toMatch(
			/^--by-media is for --level hours, agents, wrapups, bands and service-levels/,
		);
		expect(refusal({level: 'agents', compare: 'previous'})).toMatch(
			/^--compare is for the queues, media and intervals levels, not --level agents/,
		);
		expect(refusal({level: 'queues', outcome: 'abandoned'})).toMatch(/^--outcome is for --level conversations/);
		expect(refusal({level: 'agents', 'reveal-addresses': true})).toMatch(
			/^--reveal-addresses is for --level conversations/,
		);
		expect(refusal({level: 'conversations', outcome: 'hung-up'})).toBe(
			'Unknown outcome "hung-up". Use one of abandoned, answered, flowOut, overSla.',
		);
		expect(planExport({level: 'conversations', outcome: 'flowout', agent: ' Ava Smith '}, io)).toMatchObject({
			outcome: 'flowOut',
			agent: 'Ava Smith',
			revealAddresses: false,
		});
		expect(refusal({level: 'live', preset: 'today'})).toMatch(/^--level live is a snapshot of now: it takes no dates/);
		expect(planExport({level: 'agents', granularity: 'P1D', 'by-media': true}, io)).toMatchObject({
			level: 'agents',
			granularity: 'P1D',
			byMedia: true,
		});
	});
});
