// The emulated org's routing skills and languages: their listings (GET /routing/skills, /routing/languages) and which
// of them each queue x media series requests. Drawn from a stream of their own (kinds 401-404), so no number the
// traffic model made before changes.
import type {Org} from './org.js';
import {listOf, type Listing, page} from './listing.js';
import {hash, stableUuid} from './random.js';

export type RoutingEntity = {id: string; name: string; state: 'active' | 'inactive' | 'deleted'};

export type SkillsAndLanguages = {
	skills: RoutingEntity[];
	languages: RoutingEntity[];
	/** A queue x media series' requested skills (none, one or two) and language (none or one), by its indexes. */
	requestedSkills(queueIndex: number, mediaIndex: number): readonly string[];
	requestedLanguage(queueIndex: number, mediaIndex: number): string | undefined;
};

const skillNames = [
	'Billing',
	'Technical',
	'Sales',
	'Retention',
	'VIP',
	'Escalations',
	'Mortgages',
	'Cards',
	'Hardware',
	'Returns',
	'Claims',
	'Bookings',
];
/** Gone from the listing, still requested by old traffic: only `?id=` finds it. */
const deletedSkill = 'Legacy Routing';
/** In the listing, requested by no traffic: a row only when `z` shows the skills without traffic. */
const unusedSkill = 'Sign Language';
const languageNames = ['English', 'Spanish', 'French', 'German', 'Japanese', 'Portuguese', 'Dutch', 'Italian'];

const cache = new WeakMap<Org, SkillsAndLanguages>();

export function skillsOf(org: Org): SkillsAndLanguages {
	let known = cache.get(org);
	if (known) return known;
	const {seed} = org;
	const skills: RoutingEntity[] = [...skillNames, deletedSkill, unusedSkill].map((name, index) => ({
		id: stableUuid(seed, 401, index),
		name,
		state: name === deletedSkill ? 'deleted' : 'active',
	}));
	const languages: RoutingEntity[] = languageNames.map((name, index) => ({
		id: stableUuid(seed, 402, index),
		name,
		state: 'active',
	}));
	const active = skillNames.length;
	known = {
		skills,
		languages,
		requestedSkills(queueIndex, mediaIndex) {
			const roll = hash(seed, 403, queueIndex, mediaIndex);
			// One series in five requests none, two in five one skill, the rest two (a pair counts in both skill rows).
			const count = roll % 5 === 0 ? 0 : roll % 5 < 3 ? 1 : 2;
			const first = hash(seed, 403, queueIndex, mediaIndex, 1) % active;
			const second = (first + 1 + (hash(seed, 403, queueIndex, mediaIndex, 2) % (active - 1))) % active;
			const ids = [first, second].slice(0, count).map(index => skills[index]!.id);
			// The third queue's traffic still asks for the deleted skill.
			return queueIndex === 2 ? [...ids, skills[active]!.id] : ids;
		},
		requestedLanguage(queueIndex, mediaIndex) {
			const roll = hash(seed, 404, queueIndex, mediaIndex);
			return roll % 7 === 0 ? undefined : languages[roll % languages.length]!.id;
		},
	};
	cache.set(org, known);
	return known;
}

/**
 * A listing as both routes serve it: `id` (repeated or comma-separated) finds any entity, a deleted skill too; without
 * it the active and inactive ones, `name` a case-insensitive prefix, sorted by name (`sortOrder=descending` reverses).
 */
function listRouting(path: string, all: readonly RoutingEntity[], url: URL, maxPageSize: number): Listing {
	const params = url.searchParams;
	const ids = new Set(listOf(params, 'id'));
	let items = ids.size > 0 ? all.filter(item => ids.has(item.id)) : all.filter(item => item.state !== 'deleted');
	const name = params.get('name')?.toLowerCase();
	if (name) items = items.filter(item => item.name.toLowerCase().startsWith(name));
	items = [...items].sort((a, b) => a.name.localeCompare(b.name));
	if (params.get('sortOrder') === 'descending') items.reverse();
	return page(path, params, items, maxPageSize, item => ({
		id: item.id,
		name: item.name,
		dateModified: '2024-05-02T09:00:00.000Z',
		state: item.state,
		version: 1,
		selfUri: `${path}/${item.id}`,
	}));
}

export function listSkills(org: Org, url: URL, maxPageSize: number): Listing {
	return listRouting('/api/v2/routing/skills', skillsOf(org).skills, url, maxPageSize);
}

export function listLanguages(org: Org, url: URL, maxPageSize: number): Listing {
	return listRouting('/api/v2/routing/languages', skillsOf(org).languages, url, maxPageSize);
}
