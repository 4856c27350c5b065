// The routing skills and languages listings, and the requestedRoutingSkillId / requestedLanguageId dimensions of the
// aggregates, over real HTTP: counts checked against the emulator's own conversations, one by one (each conversation's
// requested skills and language as the details query gives them).
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {conversationRecord} from '../../source/emulator/conversation-record.js';
import {conversationsIn, emulator, loginTo, testNow} from '../helpers.js';

let emu: Emulator;
let token: string;

const interval = '2026-03-16T00:00:00Z/2026-03-19T00:00:00Z';

type Entity = {id: string; name: string; state: string};
type Page = {entities: Entity[]; pageNumber: number; pageCount: number; total: number; nextUri?: string};
type Result = {
	group?: Record<string, string>;
	data: Array<{metrics: Array<{metric: string; stats: {count?: number}}>}>;
};

async function get(path: string, bearer = token): Promise<Response> {
	return fetch(`${emu.url}${path}`, {headers: {authorization: `Bearer ${bearer}`}});
}

async function aggregates(body: unknown): Promise<Result[]> {
	const response = await fetch(`${emu.url}/api/v2/analytics/conversations/aggregates/query`, {
		method: 'POST',
		headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
		body: JSON.stringify(body),
	});
	expect(response.status).toBe(200);
	return ((await response.json()) as {results?: Result[]}).results ?? [];
}

function offeredOf(result: Result): number {
	return result.data.reduce(
		(sum, data) => sum + (data.metrics.find(metric => metric.metric === 'nOffered')?.stats.count ?? 0),
		0,
	);
}

/** Each conversation's requested skills and language, read from its details record (the acd segment). */
function expectedOffered(): {bySkill: Map<string, number>; byLanguage: Map<string, number>; total: number} {
	const [from, to] = interval.split('/').map(text => Date.parse(text)) as [number, number];
	const bySkill = new Map<string, number>();
	const byLanguage = new Map<string, number>();
	let total = 0;
	for (const conversation of conversationsIn(emu, from, to)) {
		total++;
		const record = conversationRecord(emu.org, conversation, testNow) as {
			participants: Array<{purpose: string; sessions: Array<{segments: Array<Record<string, unknown>>}>}>;
		};
		const segment = record.participants.find(participant => participant.purpose === 'acd')!.sessions[0]!.segments[0]!;
		for (const skill of (segment['requestedRoutingSkillIds'] as string[] | undefined) ?? [])
			bySkill.set(skill, (bySkill.get(skill) ?? 0) + 1);
		const language = segment['requestedLanguageId'] as string | undefined;
		if (language) byLanguage.set(language, (byLanguage.get(language) ?? 0) + 1);
	}
	return {bySkill, byLanguage, total};
}

beforeAll(async () => {
	emu = await emulator({queues: 12, seed: 3});
	token = await loginTo(emu, demoClient.id, demoClient.secret);
});
afterAll(async () => emu.stop());

describe('routing skills and languages listings', () => {
	it('pages the skills by name, leaving out the deleted one, which only its id finds', async () => {
		const names: string[] = [];
		let path: string | undefined = '/api/v2/routing/skills?pageSize=5';
		let pages = 0;
		while (path) {
			const page = (await (await get(path)).json()) as Page;
			names.push(...page.entities.map(entity => entity.name));
			pages++;
			path = page.nextUri;
		}
		expect(pages).toBe(3);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(names).toHaveLength(13);
		expect(names).toContain('Sign Language');
		expect(names).not.toContain('Legacy Routing');
		const deleted = (await (await get('/api/v2/routing/skills?name=Legacy')).json()) as Page;
		expect(deleted.total).toBe(0);
	});

	it('finds skills by name prefix (any case) and by id, a deleted one with its state', async () => {
		const byName = (await (await get('/api/v2/routing/skills?name=re')).json()) as Page;
		expect(byName.entities.map(entity => entity.name)).toEqual(['Retention', 'Returns']);
		const all = (await (await get('/api/v2/routing/skills?pageSize=100')).json()) as Page;
		const billing = all.entities.find(entity => entity.name === 'Billing')!;
		// The deleted skill's id, as the traffic of the third queue requests it.
		const [from, to] = interval.split('/').map(text => Date.parse(text)) as [number, number];
		const requested = new Set<string>();
		for (const conversation of conversationsIn(emu, from, to))
			for (const skill of conversation.series.skillIds ?? []) requested.add(skill);
		const unknown = [...requested].filter(id => !all.entities.some(entity => entity.id === id));
		expect(unknown).toHaveLength(1);
		const byId = (await (await get(`/api/v2/routing/skills?id=${billing.id}&id=${unknown[0]}`)).json()) as Page;
		expect(byId.entities.map(({name, state}) => ({name, state}))).toEqual([
			{name: 'Billing', state: 'active'},
			{name: 'Legacy Routing', state: 'deleted'},
		]);
	});

	it('needs routing:skill:view for skills, nothing for languages', async () => {
		emu.addClient({id: 'no-skills', secret: 's', permissions: ['analytics:conversationAggregate:view']});
		const other = await loginTo(emu, 'no-skills', 's');
		const refused = await get('/api/v2/routing/skills', other);
		expect(refused.status).toBe(403);
		expect(((await refused.json()) as {message: string}).message).toContain('routing:skill:view');
		const languages = await get('/api/v2/routing/languages?pageSize=100', other);
		expect(languages.status).toBe(200);
		const page = (await languages.json()) as Page;
		expect(page.entities.map(entity => entity.name)).toEqual([
			'Dutch',
			'English',
			'French',
			'German',
			'Italian',
			'Japanese',
			'Portuguese',
			'Spanish',
		]);
	});
});

describe('requestedRoutingSkillId and requestedLanguageId in aggregates', () => {
	it('counts a conversation in each skill it requested, and in its language, as the conversations say', async () => {
		const expected = expectedOffered();
		const bySkill = await aggregates({interval, groupBy: ['requestedRoutingSkillId'], metrics: ['nOffered']});
		const skills = new Map(
			bySkill
				.filter(result => result.group?.['requestedRoutingSkillId'])
				.map(result => [result.group!['requestedRoutingSkillId']!, offeredOf(result)]),
		);
		expect(skills).toEqual(expected.bySkill);
		// Rows add up to more than the queues' total: two-skill conversations count twice.
		const skillSum = [...skills.values()].reduce((a, b) => a + b, 0);
		expect(skillSum).toBeGreaterThan(expected.total * 0.9);
		const byLanguage = await aggregates({interval, groupBy: ['requestedLanguageId'], metrics: ['nOffered']});
		const languages = new Map(
			byLanguage
				.filter(result => result.group?.['requestedLanguageId'])
				.map(result => [result.group!['requestedLanguageId']!, offeredOf(result)]),
		);
		expect(languages).toEqual(expected.byLanguage);
		const languageSum = [...languages.values()].reduce((a, b) => a + b, 0);
		expect(languageSum).toBeLessThan(expected.total);
	});

	it('filters by a skill (any of a conversation’s skills) and by a language', async () => {
		const expected = expectedOffered();
		const [skill, count] = [...expected.bySkill].sort((a, b) => b[1] - a[1])[0]!;
		const filtered = await aggregates({
			interval,
			groupBy: ['mediaType'],
			filter: {type: 'and', predicates: [{dimension: 'requestedRoutingSkillId', value: skill}]},
			metrics: ['nOffered'],
		});
		expect(filtered.reduce((sum, result) => sum + offeredOf(result), 0)).toBe(count);
		const [language, languageCount] = [...expected.byLanguage][0]!;
		const byLanguage = await aggregates({
			interval,
			filter: {type: 'or', predicates: [{dimension: 'requestedLanguageId', value: language}]},
			metrics: ['nOffered'],
		});
		expect(byLanguage.reduce((sum, result) => sum + offeredOf(result), 0)).toBe(languageCount);
	});
});
