// `gqx export --by skill|language` with --skill and --language against the emulator, in-process: the numbers are the
// emulator's own conversations counted one by one (a conversation in each skill it requested), the records start with
// the skill's or language's id and name instead of the queue's, and bad flags exit 2 with the reason.
import {parse} from 'csv-parse/sync';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {skillsOf} from '../../source/emulator/skills.js';
import {bandRecordFields} from '../../source/levels/bands.js';
import {rowFields} from '../../source/metrics/rows.js';
import {conversationsIn, credentialsEnv, emulator} from '../helpers.js';
import {runCommand} from '../run-command.js';

let emu: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
	emu = await emulator({queues: 12, seed: 7});
	env = credentialsEnv(emu.url);
});
afterAll(async () => emu.stop());

const day = ['--from', '2026-03-16', '--to', '2026-03-16', '--tz', 'UTC'];
const start = Date.parse('2026-03-16T00:00:00Z');
const end = Date.parse('2026-03-17T00:00:00Z');

type Counts = {offered: number; answered: number};

/** Offered and answered per skill (or language) id and media type ('' for all), conversation by conversation. */
function countsBy(kind: 'skill' | 'language'): Map<string, Counts> {
	const counts = new Map<string, Counts>();
	const add = (key: string, answered: boolean) => {
		const entry = counts.get(key) ?? {offered: 0, answered: 0};
		entry.offered++;
		if (answered) entry.answered++;
		counts.set(key, entry);
	};
	for (const conversation of conversationsIn(emu, start, end)) {
		const {series} = conversation;
		const ids = kind === 'skill' ? (series.skillIds ?? []) : series.languageId ? [series.languageId] : [];
		for (const id of ids) {
			add(`${id}/`, conversation.outcome === 'answered');
			add(`${id}/${series.mediaType}`, conversation.outcome === 'answered');
		}
	}
	return counts;
}

async function csv(args: string[]): Promise<Array<Record<string, unknown>>> {
	const result = await runCommand(['export', ...args, '--format', 'csv', ...day], {env});
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	return parse(result.stdout, {columns: true, cast: true}) as Array<Record<string, unknown>>;
}

describe('gqx export --by skill|language', () => {
	it('writes a record per requested skill with skillId and skillName in front, counted as the conversations say', async () => {
		const result = await runCommand(['export', '--by', 'skill', '--level', 'queues', '--format', 'csv', ...day], {
			env,
		});
		expect(result.code).toBe(0);
		expect(result.stdout.split('\n')[0]).toBe(['skillId', 'skillName', ...rowFields.slice(2)].join(','));
		const records = parse(result.stdout, {columns: true, cast: true}) as Array<Record<string, unknown>>;
		const expected = countsBy('skill');
		const {skills} = skillsOf(emu.org);
		const wanted = [...expected.keys()].filter(key => key.endsWith('/'));
		expect(records).toHaveLength(wanted.length);
		for (const record of records) {
			const id = record['skillId'] as string;
			expect(record['skillName']).toBe(skills.find(skill => skill.id === id)!.name);
			expect({offered: record['offered'], answered: record['answered']}, String(record['skillName'])).toEqual(
				expected.get(`${id}/`),
			);
		}
		// The deleted skill is named from ?id=, and records are sorted by name.
		expect(records.map(record => record['skillName'])).toContain('Legacy Routing');
		const names = records.map(record => String(record['skillName']));
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	it('the table’s Total counts a conversation that requested two skills once, compared too', async () => {
		const withSkill = (from: number, to: number) =>
			[...conversationsIn(emu, from, to)].filter(({series}) => (series.skillIds ?? []).length > 0).length;
		const totalOf = (stdout: string) =>
			stdout
				.split('\n')
				.find(line => line.startsWith('Total '))!
				.trim()
				.split(/\s{2,}/)[1];
		const table = ['export', '--by', 'skill', '--level', 'queues', '--format', 'table', ...day];
		const result = await runCommand(table, {env});
		expect(result.code).toBe(0);
		expect(totalOf(result.stdout)).toBe(withSkill(start, end).toLocaleString('en-US'));
		const compared = await runCommand([...table, '--compare', 'previous'], {env});
		expect(compared.code, compared.stderr).toBe(0);
		expect(totalOf(compared.stdout)).toBe(withSkill(start, end).toLocaleString('en-US'));
		const intervals = await runCommand(
			[...table.map(arg => (arg === 'queues' ? 'intervals' : arg)), '--granularity', 'P1D'],
			{env},
		);
		expect(intervals.code, intervals.stderr).toBe(0);
		expect(totalOf(intervals.stdout)).toBe(withSkill(start, end).toLocaleString('en-US'));
	});

	it('--skill chooses by exact name (any case) or id, a deleted skill’s id too, per media type by default', async () => {
		const {skills} = skillsOf(emu.org);
		const deleted = skills.find(skill => skill.state === 'deleted')!;
		const records = await csv(['--skill', 'BILLING', '--skill', deleted.id]);
		const expected = countsBy('skill');
		const billing = skills.find(skill => skill.name === 'Billing')!;
		const keys = [...expected.keys()].filter(
			key => !key.endsWith('/') && (key.startsWith(billing.id) || key.startsWith(deleted.id)),
		);
		expect(keys.some(key => key.startsWith(deleted.id)) && keys.some(key => key.startsWith(billing.id))).toBe(true);
		expect(records.map(record => `${String(record['skillId'])}/${String(record['mediaType'])}`).sort()).toEqual(
			keys.sort(),
		);
		for (const record of records)
			expect(record['offered']).toBe(
				expected.get(`${String(record['skillId'])}/${String(record['mediaType'])}`)!.offered,
			);
	});

	it('--language writes that language’s wait bands, which add up to its answered conversations', async () => {
		const {languages} = skillsOf(emu.org);
		const expected = countsBy('language');
		const [key] = [...expected].find(([each]) => each.endsWith('/'))!;
		const language = languages.find(each => key.startsWith(each.id))!;
		const result = await runCommand(
			['export', '--level', 'bands', '--language', language.name, '--format', 'csv', ...day],
			{env},
		);
		expect(result.code).toBe(0);
		expect(result.stdout.split('\n')[0]).toBe(['languageId', 'languageName', ...bandRecordFields.slice(2)].join(','));
		const records = parse(result.stdout, {columns: true, cast: true}) as Array<Record<string, unknown>>;
		expect(new Set(records.map(record => record['languageName']))).toEqual(new Set([language.name]));
		const answered = records
			.filter(record => record['outcome'] === 'answered')
			.reduce((sum, record) => sum + Number(record['count']), 0);
		expect(answered).toBe(expected.get(key)!.answered);
	});

	it('says on stderr that skills are named by id when the client lacks routing:skill:view', async () => {
		emu.addClient({
			id: 'no-skills',
			secret: 'no-skills-secret',
			permissions: demoClient.permissions.filter(permission => permission !== 'routing:skill:view'),
		});
		const noSkills = {...env, GENESYS_CLOUD_CLIENT_ID: 'no-skills', GENESYS_CLOUD_CLIENT_SECRET: 'no-skills-secret'};
		const result = await runCommand(['export', '--by', 'skill', '--format', 'csv', ...day], {env: noSkills});
		expect(result.code, result.stderr).toBe(0);
		const records = parse(result.stdout, {columns: true}) as Array<Record<string, string>>;
		// The names are the ids, and the caller is told why rather than left to take them for names.
		expect(records[0]!['skillName']).toBe(records[0]!['skillId']);
		expect(result.stderr).toMatch(/skill names[\s\S]*routing:skill:view/);
	});

	it('refuses what does not fit, exit 2 with the reason', async () => {
		const refused = async (args: string[], message: RegExp) => {
			const result = await runCommand(['export', ...args, ...day], {env});
			expect(result.code, args.join(' ')).toBe(2);
			expect(result.stderr).toMatch(message);
			expect(result.stderr).not.toMatch(/\n\s+at /);
		};
		await refused(['--by', 'team'], /Unknown --by "team"[\s\S]*queue, skill or language/);
		await refused(['--by', 'skill', '--level', 'agents'], /--by skill is for --level queues, media, intervals/);
		await refused(['--by', 'language', '--level', 'flows'], /--by language is for --level/);
		await refused(['--skill', 'Biling'], /No skill matches "Biling"[\s\S]*Closest skill names: "Billing"/);
		await refused(['--by', 'skill', '--queue', 'Sales'], /--queue chooses queues; --by skill writes requested skills/);
		await refused(['--by', 'language', '--skill', 'Billing'], /--skill chooses requested skills, but --by is language/);
		await refused(['--skill', 'Billing', '--language', 'English'], /either --skill or --language/);
	});
});
