// The emulated organization's people and wrap-up codes: users (some deleted since), who is a member of
// which queue, and the wrap-up codes each queue uses (some system codes that are not UUIDs, some deleted).
import type {EmulatedQueue, Org} from './org.js';
import {hash, stableUuid, unit} from './random.js';

export type EmulatedUser = {
	index: number;
	id: string;
	name: string;
	email: string;
	/** Deleted users are gone from `GET /users` unless `state=deleted|any` is asked; analytics keeps them. */
	state: 'active' | 'deleted';
	/** Multiplies the queue's timer means for this agent's work: some are quicker than others. */
	pace: number;
};

export type EmulatedWrapupCode = {
	id: string;
	name: string;
	/** System codes (`ININ-...`) are not in `GET /routing/wrapupcodes`. */
	system: boolean;
	/** Deleted since: gone from the listing, still in analytics. */
	deleted: boolean;
	/** Multiplies handle time for conversations that end with this code. */
	pace: number;
};

export type People = {
	users: EmulatedUser[];
	userById: Map<string, EmulatedUser>;
	codes: EmulatedWrapupCode[];
	/** Indexes into `users` of the members of a queue (of the agents taking direct calls without one). */
	membersOf(queue: EmulatedQueue | undefined): readonly number[];
	/** Indexes into `codes` that a queue's agents use. */
	codesOf(queue: EmulatedQueue | undefined): readonly number[];
};

const firstNames = [
	'Ava',
	'Liam',
	'Noah',
	'Emma',
	'Olivia',
	'Mateo',
	'Sofia',
	'Lucas',
	'Mia',
	'Ethan',
	'Amara',
	'Yuki',
	'Priya',
	'Jonas',
	'Chloe',
	'Diego',
	'Fatima',
	'Hannah',
	'Ivan',
	'Leila',
	'Marco',
	'Nina',
	'Omar',
	'Ruth',
	'Sven',
	'Tariq',
	'Uma',
	'Viktor',
	'Wen',
	'Zoe',
];
const lastNames = [
	'Smith',
	'Garcia',
	'Müller',
	'Rossi',
	'Dubois',
	'Kowalski',
	'Tanaka',
	'Okafor',
	'Silva',
	'Jensen',
	'Novak',
	'Haddad',
	'Patel',
	'Kim',
	'Nguyen',
	'Ali',
	'Larsen',
	'Moreau',
	'Costa',
	'Brown',
	'Schmidt',
	'Ivanova',
	'Cohen',
	'Murphy',
	'Svensson',
	'Bakker',
	'Fischer',
	'Lopez',
	'Wright',
	'Sato',
	'Reyes',
	'Khan',
];

/** Named codes of the org: [name, pace, deleted since]. */
const namedCodes: ReadonlyArray<[string, number, boolean]> = [
	['Resolved', 1, false],
	['Information given', 0.7, false],
	['Follow-up needed', 1.3, false],
	['Escalated', 1.6, false],
	['Sale', 1.2, false],
	['No sale', 0.9, false],
	['Complaint', 1.5, false],
	['Billing question', 1.1, false],
	['Callback scheduled', 0.8, false],
	['Wrong number', 0.3, false],
	['Cancelled', 1, false],
	['Technical issue', 1.4, false],
	['Spring promotion 2024', 1, true],
	['Survey offered', 0.9, true],
];

/** Codes the platform sets itself: not UUIDs, never in the code listing. */
const systemCodes: ReadonlyArray<[string, number]> = [
	['ININ-WRAP-UP-TIMEOUT', 1.1],
	['ININ-OUTBOUND-PREVIEW-SKIPPED', 0.2],
];

export function userCountFor(queueCount: number): number {
	return Math.max(24, Math.round(queueCount * 0.6));
}

function generatePeople(org: Org): People {
	const seed = org.seed;
	const count = org.agents ?? userCountFor(org.queues.length);
	const users: EmulatedUser[] = [];
	const combinations = firstNames.length * lastNames.length;
	// A seed-dependent stride coprime with the number of combinations names everyone apart.
	let stride = 7 + (hash(seed, 300) % 500) * 2;
	while (gcd(stride, combinations) !== 1) stride++;
	for (let index = 0; index < count; index++) {
		const combo = (index * stride) % combinations;
		const first = firstNames[combo % firstNames.length]!;
		const last = lastNames[Math.floor(combo / firstNames.length)]!;
		// Past the combinations a running number keeps names apart, as directories do.
		const round = Math.floor(index / combinations);
		const name = `${first} ${last}${round > 0 ? ` ${round + 1}` : ''}`;
		users.push({
			index,
			id: stableUuid(seed, 3, index),
			name,
			email: `${first}.${last}${index}@example.com`.toLowerCase(),
			state: unit(seed, 303, index) < 0.08 ? 'deleted' : 'active',
			pace: 0.75 + unit(seed, 304, index) * 0.6,
		});
	}
	const codes: EmulatedWrapupCode[] = [
		...namedCodes.map(([name, pace, deleted], index) => ({
			id: stableUuid(seed, 4, index),
			name,
			system: false,
			deleted,
			pace,
		})),
		...systemCodes.map(([name, pace]) => ({id: name, name, system: true, deleted: false, pace})),
	];
	const memberCache = new Map<number, number[]>();
	const codeCache = new Map<number, number[]>();
	const direct = Array.from({length: Math.min(8, count)}, (_, index) => index);
	const timeout = codes.findIndex(code => code.id === 'ININ-WRAP-UP-TIMEOUT');
	const skipped = codes.findIndex(code => code.id === 'ININ-OUTBOUND-PREVIEW-SKIPPED');
	return {
		users,
		userById: new Map(users.map(user => [user.id, user])),
		codes,
		membersOf(queue) {
			if (!queue) return direct;
			let members = memberCache.get(queue.index);
			if (!members) {
				const size = Math.min(queue.memberCount, count);
				let stride = 1 + (hash(seed, 305, queue.index) % Math.max(1, count - 1));
				while (gcd(stride, count) !== 1) stride++;
				const start = hash(seed, 306, queue.index) % count;
				members = Array.from({length: size}, (_, at) => (start + at * stride) % count);
				memberCache.set(queue.index, members);
			}
			return members;
		},
		codesOf(queue) {
			const key = queue?.index ?? -1;
			let chosen = codeCache.get(key);
			if (!chosen) {
				const size = 4 + (hash(seed, 307, key) % 4);
				const start = hash(seed, 308, key) % namedCodes.length;
				chosen = Array.from({length: size}, (_, at) => (start + at * 3) % namedCodes.length);
				chosen = [...new Set(chosen), timeout];
				if (!queue) chosen.push(skipped);
				codeCache.set(key, chosen);
			}
			return chosen;
		},
	};
}

function gcd(a: number, b: number): number {
	return b === 0 ? a : gcd(b, a % b);
}

const cache = new WeakMap<Org, People>();

/** The people of an organization, made once (the same from the same seed and queue count, in any thread). */
export function peopleOf(org: Org): People {
	let people = cache.get(org);
	if (!people) {
		people = generatePeople(org);
		cache.set(org, people);
	}
	return people;
}
