// Rows of requested skills and languages (`t` on the first level) through the whole app against the emulator: the
// names from the listings (a deleted skill by its id), Offered counted from the emulator's own conversations (a
// conversation in each skill it requested), the media drill and the bands on a skill, the keys that are a queue's
// saying so, and a client without routing:skill:view told which permission it lacks.
import {cleanup} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {demoClient} from '../../source/emulator/server.js';
import {skillsOf} from '../../source/emulator/skills.js';
import {metricFor} from '../../source/metrics/catalog.js';
import {metricDelta} from '../../source/metrics/delta.js';
import type {QueueRow} from '../../source/metrics/rows.js';
import {ProfileStore} from '../../source/profiles/store.js';
import {conversationsIn, credentialsEnv, emulator} from '../helpers.js';
import {runCommand} from '../run-command.js';
import {scratchDir} from '../run-cli.js';
import {appOnProfile, exportJson, renderApp, tableShown} from './app-on-profile.js';
import {keys, press, ready, waitForText} from './ink.js';

let emu: Emulator;

const from = Date.parse('2026-03-09T00:00:00Z');
const to = Date.parse('2026-03-16T00:00:00Z');

beforeAll(async () => {
	emu = await emulator({queues: 12, seed: 34});
});
afterAll(async () => emu.stop());
afterEach(cleanup);

/** Offered per skill (or language) and media type, counted conversation by conversation (one week by default). */
function offeredBy(kind: 'skill' | 'language', fromMs = from, toMs = to): Map<string, Map<string, number>> {
	const {skills, languages} = skillsOf(emu.org);
	const nameOf = new Map([...skills, ...languages].map(entity => [entity.id, entity.name]));
	const counts = new Map<string, Map<string, number>>();
	for (const conversation of conversationsIn(emu, fromMs, toMs)) {
		const {series} = conversation;
		const ids = kind === 'skill' ? (series.skillIds ?? []) : series.languageId ? [series.languageId] : [];
		for (const id of ids) {
			const name = nameOf.get(id)!;
			const byMedia = counts.get(name) ?? new Map<string, number>();
			byMedia.set(series.mediaType, (byMedia.get(series.mediaType) ?? 0) + 1);
			counts.set(name, byMedia);
		}
	}
	return counts;
}

const sum = (byMedia: Map<string, number>) => [...byMedia.values()].reduce((a, b) => a + b, 0);
const number = (value: number) => value.toLocaleString('en-US');
/** The name of the selected row (`›`). */
const selectedName = (screen: string) =>
	screen
		.split('\n')
		.find(line => line.startsWith('›'))!
		.slice(2)
		.split(/\s{2,}/)[0]!;
/** The cells of the table's line whose name column is `name` (name, Offered, Answered, ...). */
const cellsOf = (screen: string, name: string) =>
	(screen.split('\n').find(line => line.slice(2).startsWith(`${name} `)) ?? '')
		.slice(2)
		.trim()
		.split(/\s{2,}/);

describe('rows of requested skills and languages (t)', () => {
	it('cycles queues, skills, languages and queues again, each row counted as the conversations say', async () => {
		const {app} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-15'});
		await press(app, 't');
		const skills = await waitForText(app, /Skill\s+Offered/);
		expect(skills).toContain('› requested skills');
		const expected = offeredBy('skill');
		// Every skill requested in the week is a row with its own Offered, the deleted one named from ?id= too.
		expect(expected.has('Legacy Routing')).toBe(true);
		for (const [name, byMedia] of expected) {
			expect(cellsOf(skills, name)[1], name).toBe(number(sum(byMedia)));
		}
		// The drills of a queue say they are a queue's.
		await press(app, 'a');
		expect(await waitForText(app, /a \(agents\) works on queue rows, not on requested skills/)).toBeTruthy();
		await press(app, 't');
		const languages = await waitForText(app, /Language\s+Offered/);
		expect(languages).toContain('› requested languages');
		for (const [name, byMedia] of offeredBy('language'))
			expect(cellsOf(languages, name)[1], name).toBe(number(sum(byMedia)));
		await press(app, 't');
		const queues = await waitForText(app, /Queue\s+Offered/);
		expect(queues).not.toContain('requested');
	});

	it('shows with z the listed skills no conversation requested, at 0, and says how many', async () => {
		const {app} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-15'});
		await press(app, 't');
		const skills = await waitForText(app, /Skill\s+Offered/);
		// The listing's active skills that no conversation of the week requested, by the emulator's own traffic.
		const requested = offeredBy('skill');
		const unused = skillsOf(emu.org)
			.skills.filter(skill => skill.state === 'active' && !requested.has(skill.name))
			.map(skill => skill.name);
		expect(unused).toContain('Sign Language');
		const count = unused.length === 1 ? '1 skill' : `${unused.length} skills`;
		expect(skills).toContain(`${count} without traffic hidden (z shows`);
		expect(cellsOf(skills, 'Sign Language')).toEqual(['']);
		await press(app, 'z');
		const shown = await waitForText(app, `${count} without traffic shown (z hides`);
		for (const name of unused) expect(cellsOf(shown, name).slice(0, 3), name).toEqual([name, '0', '0']);
	});

	it('counts a conversation that requested two skills once in the Total row, as the conversations say', async () => {
		const {app} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-15'});
		await press(app, 't');
		const skills = await waitForText(app, /Skill\s+Offered/);
		const withSkill = [...conversationsIn(emu, from, to)].filter(({series}) => (series.skillIds ?? []).length > 0);
		// The rows add up to more (a pair counts in both skills' rows); the Total is of conversations.
		expect(cellsOf(skills, 'Total')[1]).toBe(number(withSkill.length));
		await press(app, 'c');
		const compared = await waitForText(app, /Offered▼?\s+Δ/);
		const before = [...conversationsIn(emu, from - 7 * 86_400_000, from)].filter(
			({series}) => (series.skillIds ?? []).length > 0,
		);
		const change = metricDelta(
			metricFor('offered'),
			{offered: withSkill.length} as QueueRow,
			{offered: before.length} as QueueRow,
		).text;
		expect(cellsOf(compared, 'Total').slice(1, 3)).toEqual([number(withSkill.length), change]);
	});

	it('drills a skill into its media types and opens its wait bands, which add up to its Answered', async () => {
		const {app} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-15'});
		await press(app, 't');
		const skills = await waitForText(app, /Skill\s+Offered/);
		// The first row (sorted by Offered): the busiest skill.
		const first = selectedName(skills);
		const byMedia = offeredBy('skill').get(first)!;
		await press(app, keys.enter);
		const media = await waitForText(app, new RegExp(`› ${first}\\n[\\s\\S]*Media\\s+Offered`));
		for (const [type, count] of byMedia) expect(cellsOf(media, type)[1], type).toBe(number(count));
		// The bands of the skill's busiest media type.
		const busiest = [...byMedia].sort((a, b) => b[1] - a[1])[0]![0];
		const answered = cellsOf(media, busiest)[2]!;
		// The media rows are by Offered, largest first: the selection is on the busiest.
		await press(app, 'b');
		const bands = await waitForText(app, /SL what-if/);
		expect(bands).toContain(`› ${first} ›`);
		const total = bands.split('\n').find(line => /^\s+Total\s/.test(line))!;
		expect(total.trim().split(/\s+/)[1]).toBe(answered);
	});

	it('compares a skill with the week before (c) and draws its weekday x hour heat map (h)', async () => {
		const {app} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-15'});
		await press(app, 't');
		const skills = await waitForText(app, /Skill\s+Offered/);
		const first = selectedName(skills);
		const now = sum(offeredBy('skill').get(first)!);
		const before = sum(offeredBy('skill', from - 7 * 86_400_000, from).get(first)!);
		await press(app, 'c');
		const compared = await waitForText(app, /Offered▼?\s+Δ/);
		const change = metricDelta(metricFor('offered'), {offered: now} as QueueRow, {offered: before} as QueueRow).text;
		expect(cellsOf(compared.replace(/^›/m, ' '), first).slice(1, 3)).toEqual([number(now), change]);
		await press(app, 'c', 'c', 'c');
		await waitForText(app, /comparison off/);
		await press(app, 'h');
		const grid = await waitForText(app, /Peak \w{3} \d\d:00/);
		expect(grid).toContain(`Offered a day · ${first} · UTC`);
		// A week: each weekday once, so the days' column adds up to the skill's Offered.
		const days = grid
			.split('\n')
			.filter(line => /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) /.test(line))
			.map(line => Number(line.trim().split(/\s+/).at(-1)!.replaceAll(',', '')));
		expect(days).toHaveLength(7);
		expect(days.reduce((a, b) => a + b, 0)).toBe(now);
	});

	it('a queue the flows sent callers to, opened from skill rows (t f u Enter), is that queue’s numbers', async () => {
		const {app} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-15'});
		await press(app, 't');
		await waitForText(app, /Skill\s+Offered/);
		await press(app, 'f');
		await waitForText(app, /\n\s+Flow\s+Entered▼/);
		await press(app, 'u');
		const destinations = await waitForText(app, /\n\s+Queue\s+To queue▼/);
		const name = selectedName(destinations);
		const queue = emu.org.queues.find(each => each.name === name)!;
		const offered = [...conversationsIn(emu, from, to)].filter(({series}) => series.queueId === queue.id).length;
		await press(app, keys.enter);
		const media = await waitForText(app, /\n\s+Media\s+Offered/);
		expect(cellsOf(media, 'Total')[1]).toBe(number(offered));
	});

	it('e writes the language rows as gqx export --by language writes them, languageId and languageName in front', async () => {
		const {app, dir} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-15'});
		await press(app, 't', 't');
		await waitForText(app, /Language\s+Offered/);
		const written = await exportJson(app, dir);
		const result = await runCommand(
			[
				'export',
				'--by',
				'language',
				'--level',
				'queues',
				'--from',
				'2026-03-09',
				'--to',
				'2026-03-15',
				'--tz',
				'UTC',
				'--format',
				'json',
			],
			{env: credentialsEnv(emu.url)},
		);
		expect(result.code).toBe(0);
		const byId = (records: Array<Record<string, unknown>>) =>
			new Map(records.map(record => [String(record['languageId']), record]));
		const fromCli = byId(JSON.parse(result.stdout) as Array<Record<string, unknown>>);
		expect(Object.keys(written[0]!).slice(0, 2)).toEqual(['languageId', 'languageName']);
		expect(written[0]).not.toHaveProperty('queueId');
		expect(byId(written)).toEqual(fromCli);
	});

	it('names skills by id with a notice when the client lacks routing:skill:view', async () => {
		emu.addClient({
			id: 'no-skills',
			secret: 'no-skills-secret',
			permissions: demoClient.permissions.filter(permission => permission !== 'routing:skill:view'),
		});
		const dir = scratchDir();
		const store = new ProfileStore({cwd: dir});
		store.save({
			name: 'acme',
			region: emu.url,
			clientId: 'no-skills',
			clientSecret: 'no-skills-secret',
			timeZone: 'UTC',
			dateChoice: {from: '2026-03-09', to: '2026-03-15'},
		});
		const app = renderApp(dir, {start: {kind: 'profile', name: 'acme'}, store});
		await waitForText(app, tableShown);
		await ready(app, tableShown);
		await press(app, 't');
		const screen = await waitForText(app, /lacks routing:skill:view/);
		const billing = skillsOf(emu.org).skills.find(skill => skill.name === 'Billing')!;
		expect(screen).not.toContain('Billing');
		expect(screen).toContain(billing.id.slice(0, 12));
	});
});
