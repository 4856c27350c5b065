// The emulated organization: queues with names, divisions, media, volumes and service-level targets.
import {type MediaType, mediaTypes} from './catalog.js';
import {hash, stableUuid, unit} from './random.js';

export type QueueMediaProfile = {
	media: MediaType;
	/** Average conversations offered on a weekday. */
	dailyOffered: number;
	abandonRate: number;
	flowOutRate: number;
	shortAbandonShare: number;
	overSlaShare: number;
	transferShare: number;
	holdShare: number;
	acwShare: number;
	/** Multiplies the media's typical timer means for this queue. */
	timeScale: number;
	serviceLevelTarget: number;
	serviceLevelMs: number;
};

export type EmulatedQueue = {
	index: number;
	id: string;
	name: string;
	divisionId: string;
	divisionName: string;
	dateCreated: string;
	memberCount: number;
	media: QueueMediaProfile[];
	/** Whole weeks by which this queue's day-to-day pattern is shifted. */
	dayShift: number;
};

export type Division = {id: string; name: string};

const departments = [
	'Sales',
	'Support',
	'Billing',
	'Collections',
	'Retention',
	'Onboarding',
	'Technical Support',
	'Claims',
	'Bookings',
	'Returns',
	'Fraud',
	'Loyalty',
	'Premium Care',
	'Small Business',
	'Enterprise',
	'Partners',
	'Renewals',
	'Payments',
	'Deliveries',
	'Warranty',
	'Accounts',
	'Mortgages',
	'Cards',
	'Insurance',
	'Travel Desk',
];
const topics = [
	'General',
	'New Orders',
	'Upgrades',
	'Outages',
	'Password Reset',
	'Disputes',
	'Refunds',
	'Cancellations',
	'Escalations',
	'Appointments',
	'Quotes',
	'Activation',
	'Roaming',
	'Hardware',
	'Software',
	'Overflow',
	'VIP',
	'After Hours',
	'Callbacks',
	'Complaints',
];
const regionsOfQueues = [
	{tag: 'EN', division: 'North America'},
	{tag: 'ES', division: 'Latin America'},
	{tag: 'FR', division: 'EMEA'},
	{tag: 'DE', division: 'EMEA'},
	{tag: 'UK', division: 'EMEA'},
	{tag: 'AU', division: 'APAC'},
	{tag: 'JP', division: 'APAC'},
	{tag: 'BR', division: 'Latin America'},
	{tag: 'NL', division: 'EMEA'},
	{tag: 'CA', division: 'North America'},
	{tag: 'IT', division: 'EMEA'},
	{tag: 'IN', division: 'APAC'},
];

const divisionNames = ['Home', 'North America', 'Latin America', 'EMEA', 'APAC'];

/**
 * Queues named as real organizations name them, right after the plain ones: a name another
 * division also uses, Japanese, Korean with a combining accent, Chinese, an emoji joined by
 * zero-width joiners, and a decomposed accent, so tables meet wide and zero-width characters.
 */
const worldQueues: ReadonlyArray<{name: string; division: string}> = [
	{name: 'Support', division: 'EMEA'},
	{name: 'サポート窓口（東京）', division: 'APAC'},
	{name: '상담 센터 Cafe\u0301', division: 'APAC'},
	{name: '客户服务中心（上海）', division: 'APAC'},
	{name: 'Family Plans 👨‍👩‍👧', division: 'North America'},
	{name: 'Re\u0301servations (FR)', division: 'EMEA'},
];

const mediaChance: Record<MediaType, number> = {voice: 0.9, chat: 0.5, email: 0.4, message: 0.45, callback: 0.3};
const serviceLevelDefaults: Record<MediaType, {target: number; ms: number}> = {
	voice: {target: 0.8, ms: 20_000},
	chat: {target: 0.8, ms: 60_000},
	email: {target: 0.9, ms: 86_400_000},
	message: {target: 0.8, ms: 300_000},
	callback: {target: 0.8, ms: 3_600_000},
};

/** Queue name number `index`: the first ones are plain ("Sales"), then a few in other scripts, then a topic and a language. */
function queueName(index: number, seed: number): {name: string; division: string} {
	const d = departments.length;
	const t = topics.length;
	const r = regionsOfQueues.length;
	const total = d * t * r;
	// A seed-dependent stride that is coprime with `total` walks every combination once.
	let stride = 7 + (hash(seed, 77) % 1000) * 2;
	while (gcd(stride, total) !== 1) stride++;
	const combo = index < d ? index : (((index - d) * stride) % total) + 0;
	const department = departments[combo % d] ?? 'Queue';
	if (index < d) return {name: department, division: 'Home'};
	const world = worldQueues[index - d];
	if (world) return world;
	const topic = topics[Math.floor(combo / d) % t] ?? 'General';
	const region = regionsOfQueues[Math.floor(combo / (d * t)) % r] ?? {tag: 'EN', division: 'Home'};
	const base = `${department} - ${topic} (${region.tag})`;
	// Past the number of combinations a running number keeps names unique.
	const round = Math.floor((index - d) / total);
	return {name: round > 0 ? `${base} ${round + 1}` : base, division: region.division};
}

function gcd(a: number, b: number): number {
	return b === 0 ? a : gcd(b, a % b);
}

function mediaProfile(seed: number, queue: number, media: MediaType, position: number): QueueMediaProfile {
	const u = (salt: number) => unit(seed, queue, position, salt);
	// Log-uniform volumes: most queues are small, a few are very busy.
	const dailyOffered = Math.exp(Math.log(4) + u(1) * Math.log(600)) * (media === 'voice' ? 1 : 0.5);
	const sl = serviceLevelDefaults[media];
	return {
		media,
		dailyOffered,
		abandonRate: 0.02 + u(2) * 0.12,
		flowOutRate: u(3) < 0.6 ? u(4) * 0.03 : 0,
		shortAbandonShare: 0.1 + u(5) * 0.3,
		overSlaShare: 0.05 + u(6) * 0.35,
		transferShare: 0.03 + u(7) * 0.15,
		holdShare: media === 'voice' || media === 'callback' ? 0.1 + u(8) * 0.3 : 0,
		acwShare: 0.7 + u(9) * 0.3,
		timeScale: 0.6 + u(10) * 1.0,
		serviceLevelTarget:
			u(11) < 0.7 ? sl.target : ([0.7, 0.75, 0.85, 0.9][hash(seed, queue, position, 12) % 4] ?? sl.target),
		serviceLevelMs: sl.ms,
	};
}

export type Org = {
	seed: number;
	queues: EmulatedQueue[];
	divisions: Division[];
	byId: Map<string, EmulatedQueue>;
	/** The org's users (agents), when not the default for its number of queues. */
	agents?: number;
};

/** `idleCount` queues more are listed after the others with no media: they never take traffic. */
export function generateOrg(seed: number, queueCount: number, idleCount = 0, agents?: number): Org {
	const divisions = divisionNames.map((name, index) => ({id: stableUuid(seed, 2, index), name}));
	const divisionByName = new Map(divisions.map(division => [division.name, division]));
	const queues: EmulatedQueue[] = [];
	for (let index = 0; index < queueCount + idleCount; index++) {
		const {name, division} = queueName(index, seed);
		const media: QueueMediaProfile[] = [];
		if (index < queueCount) {
			mediaTypes.forEach((type, position) => {
				if (unit(seed, index, position, 0) < mediaChance[type]) media.push(mediaProfile(seed, index, type, position));
			});
			if (media.length === 0) media.push(mediaProfile(seed, index, 'voice', 0));
		}
		const divisionOf = divisionByName.get(division) ?? divisions[0]!;
		const created = new Date(Date.UTC(2021, 0, 4) + (hash(seed, index, 91) % 900) * 86_400_000);
		queues.push({
			index,
			id: stableUuid(seed, 1, index),
			name,
			divisionId: divisionOf.id,
			divisionName: divisionOf.name,
			dateCreated: created.toISOString(),
			memberCount: 3 + (hash(seed, index, 92) % 60),
			media,
			dayShift: 7 * (hash(seed, index, 93) % 53),
		});
	}
	return {
		seed,
		queues,
		divisions,
		byId: new Map(queues.map(queue => [queue.id, queue])),
		...(agents === undefined ? {} : {agents}),
	};
}
