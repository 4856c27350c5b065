// Aggregates grouped or filtered by agent (`userId`) or wrap-up code (`wrapUpCode`): each queue and
// media series is split among its agents and codes, so the parts add up to the series exactly. The
// queue's own metrics (offered, wait, abandons, service level) belong to no agent and no code: they land
// in the group without `userId`/`wrapUpCode`, as Genesys answers them. An agent's or a code's counts are
// nested shares of the answered conversations (monotone, so any interval is the difference of two
// instants); their timers read the series' own timer sequence, scaled by the agent's and the code's pace.
import {
	type AggregateQuery,
	type AggregateResult,
	dimensionValue,
	type Entity,
	entitiesOf,
	type Filter,
	mergeStats,
	metricStats,
	type Predicate,
	resultsOf,
	type StatsOut,
	type View,
	bucketBoundaries,
} from './aggregate-query.js';
import type {Org} from './org.js';
import {peopleOf, type People} from './people.js';
import {hash, unit} from './random.js';
import {
	type Cumulative,
	cumulativeCounts,
	share,
	type TimerMetric,
	timerStats,
	timerValue,
	type TrafficModel,
} from './traffic.js';

const peopleDimensions = new Set(['userId', 'wrapUpCode']);

/** Metrics of an agent's work: they carry the agent and the code. Everything else is the queue's. */
const workMetrics = new Set([
	'tAnswered',
	'tHandle',
	'tTalk',
	'tTalkComplete',
	'tHeld',
	'tHeldComplete',
	'tAcw',
	'nTransferred',
	'tNotResponding',
]);

function mentions(query: AggregateQuery, dimension: string): boolean {
	if (query.groupBy.includes(dimension)) return true;
	const filter = query.filter;
	if (!filter) return false;
	return [...(filter.predicates ?? []), ...(filter.clauses ?? []).flatMap(clause => clause.predicates)].some(
		predicate => predicate.dimension === dimension,
	);
}

/** The query splits conversations by agent or wrap-up code. */
export function byPeople(query: AggregateQuery): boolean {
	return mentions(query, 'userId') || mentions(query, 'wrapUpCode');
}

/** The filter without its agent and code predicates (an AND keeps its other clauses), to pick the series. */
function seriesFilter(filter: Filter | undefined): Filter | undefined {
	if (!filter) return undefined;
	const aboutPeople = (predicate: Predicate) => peopleDimensions.has(predicate.dimension ?? '');
	if (filter.type !== 'and') {
		const all = [...(filter.predicates ?? []), ...(filter.clauses ?? []).flatMap(clause => clause.predicates)];
		return all.some(aboutPeople) ? undefined : filter;
	}
	const predicates = (filter.predicates ?? []).filter(predicate => !aboutPeople(predicate));
	const clauses = (filter.clauses ?? []).filter(clause => !clause.predicates.some(aboutPeople));
	if (predicates.length === 0 && clauses.length === 0) return undefined;
	return {type: 'and', ...(predicates.length ? {predicates} : {}), ...(clauses.length ? {clauses} : {})};
}

function predicateHolds(predicate: Predicate, valueOf: (dimension: string) => string | undefined): boolean {
	const value = valueOf(predicate.dimension ?? '');
	if (predicate.operator === 'exists') return value !== undefined;
	if (predicate.operator === 'notExists') return value === undefined;
	return value !== undefined && value === predicate.value;
}

function filterHolds(filter: Filter | undefined, valueOf: (dimension: string) => string | undefined): boolean {
	if (!filter) return true;
	const combine = (type: 'and' | 'or', results: boolean[]) =>
		type === 'and' ? results.every(Boolean) : results.some(Boolean);
	return combine(filter.type, [
		...(filter.predicates ?? []).map(predicate => predicateHolds(predicate, valueOf)),
		...(filter.clauses ?? []).map(clause =>
			combine(
				clause.type,
				clause.predicates.map(predicate => predicateHolds(predicate, valueOf)),
			),
		),
	]);
}

/** One share of a series' answered conversations: an agent's, a code's, or an agent's with one code. */
type Part = {
	userId?: string;
	wrapUpCode?: string;
	agent: boolean;
	pace: number;
	phases: number[];
	/** Conversations per swing of the part's own shares (hold, after-call work): its part of the series'. */
	period: number;
};

/** Counts of a part at one instant. */
type PartCounts = {handled: number; held: number; acw: number; transferred: number; notResponding: number};

/**
 * Splits `total` into shares by weight: share 0 takes its fraction of the total, share 1 its fraction
 * of the rest, and so on; the last takes what is left. Each share is monotone in `total` with steps of
 * 0 or 1, so the shares of an interval never go negative and always add up to the whole.
 */
function split(total: number, weights: readonly number[], phases: readonly number[], period: number): number[] {
	const out: number[] = [];
	let rest = total;
	let weightLeft = weights.reduce((sum, weight) => sum + weight, 0);
	for (let index = 0; index < weights.length; index++) {
		if (index === weights.length - 1) {
			out.push(rest);
			break;
		}
		const weight = weights[index]!;
		const taken = share(rest, Math.min(1, weight / weightLeft), phases[index]!, period);
		out.push(taken);
		rest -= taken;
		weightLeft -= weight;
	}
	return out;
}

type SeriesPlan = {
	parts: Part[];
	/** The parts' handled counts for a number of answered conversations. */
	handledOf(answered: number): number[];
	period: number;
	holdShare: number;
	acwShare: number;
	transferShare: number;
	notRespondingShare: number;
	/** Where not-responding alerts go when no agent is asked for: the queue's group. */
	queueNotResponding: boolean;
};

/** How a series' answered conversations are split: among the queue's agents, then within each agent among codes. */
type SeriesSplit = {
	members: readonly number[];
	codeIndexes: readonly number[];
	agentWeights: number[];
	agentPhases: number[];
	/** Code weights, the first for handled work left without a code. */
	withNone: number[];
	codePhases: number[];
	codeTotal: number;
	splitPeriod: number;
};

const splitCache = new WeakMap<People, Map<string, SeriesSplit>>();

function seriesSplit(people: People, entity: Entity, seed: number): SeriesSplit {
	const {queueIndex, mediaIndex, profile} = entity.key;
	let cache = splitCache.get(people);
	if (!cache) {
		cache = new Map();
		splitCache.set(people, cache);
	}
	const cacheKey = `${seed}:${queueIndex}:${mediaIndex}`;
	const cached = cache.get(cacheKey);
	if (cached) return cached;
	const salt = (value: number) => unit(seed, queueIndex, mediaIndex, value);
	// Who takes a conversation and how it ends drift within the day, not over days: an agent's or a
	// code's share of a day stays near its weight.
	const splitPeriod = Math.max(20, profile.dailyOffered * 0.1);
	const members = people.membersOf(entity.queue);
	const codeIndexes = people.codesOf(entity.queue);
	const agentWeights = members.map(user => 0.4 + unit(seed, 310, queueIndex, user) * 1.6);
	const agentPhases = members.map((_, slot) => salt(500 + slot));
	const noCodeShare = 0.04 + salt(498) * 0.08;
	const codeWeights = codeIndexes.map(code =>
		people.codes[code]!.system ? 0.15 : 0.4 + unit(seed, 311, queueIndex, code) * 1.6,
	);
	const codeTotal = codeWeights.reduce((sum, weight) => sum + weight, 0);
	// The first share is the handled work left without a code.
	const withNone = [(noCodeShare / (1 - noCodeShare)) * codeTotal, ...codeWeights];
	const codePhases = withNone.map((_, slot) => salt(600 + slot));
	const made = {members, codeIndexes, agentWeights, agentPhases, withNone, codePhases, codeTotal, splitPeriod};
	cache.set(cacheKey, made);
	return made;
}

/** The one share that grows when `total` becomes `total + 1`, and that share's count before. */
function stepOf(total: number, weights: readonly number[], phases: readonly number[], period: number) {
	const before = split(total, weights, phases, period);
	const after = split(total + 1, weights, phases, period);
	const slot = after.findIndex((count, index) => count !== before[index]);
	return {slot, index: before[slot] ?? 0};
}

function notRespondingShareOf(seed: number, entity: Entity): number {
	return 0.02 + unit(seed, entity.key.queueIndex, entity.key.mediaIndex, 499) * 0.06;
}

/**
 * Alerts no agent answered among a series' first `answered` conversations, as the queue's group counts them
 * (tNotResponding without an agent): conversation k had one when this steps from k to k + 1.
 */
export function queueNotResponding(seed: number, entity: Entity, answered: number): number {
	const {queueIndex, mediaIndex, profile} = entity.key;
	const period = Math.max(20, profile.dailyOffered * 1.7);
	return share(answered, notRespondingShareOf(seed, entity), unit(seed, queueIndex, mediaIndex, 497), period);
}

/**
 * Who handled answered conversation number `answered` of a series and with which wrap-up code (undefined: none),
 * by the same splits the aggregates use, so single conversations add up to the agent and code groups.
 */
export function handlerOf(
	people: People,
	entity: Entity,
	seed: number,
	answered: number,
): {userIndex: number; codeIndex: number | undefined; otherIndex: number | undefined} {
	const plan = seriesSplit(people, entity, seed);
	const agent = stepOf(answered, plan.agentWeights, plan.agentPhases, plan.splitPeriod);
	const code = stepOf(agent.index, plan.withNone, plan.codePhases, plan.splitPeriod);
	const {members} = plan;
	// Another member, for an alert that went unanswered before this one was answered.
	const other =
		members.length > 1
			? members[
					(agent.slot + 1 + (hash(seed, 505, entity.key.queueIndex, answered) % (members.length - 1))) % members.length
				]
			: undefined;
	return {
		userIndex: members[agent.slot]!,
		codeIndex: code.slot === 0 ? undefined : plan.codeIndexes[code.slot - 1],
		otherIndex: other,
	};
}

function planSeries(people: People, entity: Entity, byUser: boolean, byCode: boolean, seed: number): SeriesPlan {
	const {queueIndex, mediaIndex, profile} = entity.key;
	const salt = (value: number) => unit(seed, queueIndex, mediaIndex, value);
	const period = Math.max(20, profile.dailyOffered * 1.7);
	const {members, agentWeights, agentPhases, withNone, codePhases, codeTotal, splitPeriod, codeIndexes} = seriesSplit(
		people,
		entity,
		seed,
	);
	const agentTotal = agentWeights.reduce((sum, weight) => sum + weight, 0);
	const codeParts = (agentPace: number, agentShare: number, userId?: string): Part[] =>
		withNone.map((_, slot) => {
			const code = slot === 0 ? undefined : people.codes[codeIndexes[slot - 1]!]!;
			return {
				...(userId ? {userId} : {}),
				...(code ? {wrapUpCode: code.id} : {}),
				agent: userId !== undefined,
				pace: agentPace * (code?.pace ?? 1),
				period: Math.max(20, (period * agentShare * withNone[slot]!) / (codeTotal + withNone[0]!)),
				phases: [0, 1, 2, 3].map(field => salt(1000 + slot * 7 + field + (userId ? 97 : 0))),
			};
		});
	const parts: Part[] = [];
	if (byUser) {
		members.forEach((user, slot) => {
			const agent = people.users[user]!;
			const agentShare = agentWeights[slot]! / agentTotal;
			if (byCode) parts.push(...codeParts(agent.pace, agentShare, agent.id));
			else
				parts.push({
					userId: agent.id,
					agent: true,
					pace: agent.pace,
					period: Math.max(20, period * agentShare),
					phases: [0, 1, 2, 3].map(field => salt(700 + slot * 5 + field)),
				});
		});
	} else parts.push(...codeParts(1, 1));
	return {
		parts,
		handledOf(answered) {
			const agents = split(answered, agentWeights, agentPhases, splitPeriod);
			if (byUser) return byCode ? agents.flatMap(handled => split(handled, withNone, codePhases, splitPeriod)) : agents;
			// Codes alone are the sum of the codes within each agent's share, so one conversation has one agent
			// and one code whichever way it is grouped.
			const codes = withNone.map(() => 0);
			for (const handled of agents)
				split(handled, withNone, codePhases, splitPeriod).forEach((count, slot) => (codes[slot]! += count));
			return codes;
		},
		period,
		holdShare: profile.holdShare,
		acwShare: profile.acwShare,
		transferShare: profile.transferShare,
		notRespondingShare: notRespondingShareOf(seed, entity),
		queueNotResponding: !byUser,
	};
}

function countsOf(plan: SeriesPlan, answered: number): PartCounts[] {
	return plan.handledOf(answered).map((handled, index) => {
		const {phases, period, agent} = plan.parts[index]!;
		return {
			handled,
			held: share(handled, plan.holdShare, phases[0]!, period),
			acw: share(handled, plan.acwShare, phases[1]!, period),
			transferred: share(handled, plan.transferShare, phases[2]!, period),
			notResponding: agent ? share(handled, plan.notRespondingShare, phases[3]!, period) : 0,
		};
	});
}

type Stats = StatsOut;

function scaled(stats: ReturnType<typeof timerStats>, pace: number): Stats | undefined {
	if (!stats) return undefined;
	// Rounded outwards, so the sum stays within count x [min, max].
	return {
		max: Math.ceil(stats.max * pace),
		min: Math.floor(stats.min * pace),
		count: stats.count,
		sum: Math.round(stats.sum * pace),
	};
}

function workStats(
	model: TrafficModel,
	entity: Entity,
	part: Part,
	metric: string,
	from: PartCounts,
	to: PartCounts,
): Stats | undefined {
	const timer = (name: TimerMetric, field: keyof PartCounts, pace: number) =>
		scaled(timerStats(model, entity.key, name, from[field], to[field]), pace);
	switch (metric) {
		case 'tAnswered':
			return timer('tAnswered', 'handled', 1);
		case 'tHandle':
			return timer('tHandle', 'handled', part.pace);
		case 'tTalk':
		case 'tTalkComplete':
			return timer('tTalk', 'handled', part.pace);
		case 'tHeld':
		case 'tHeldComplete':
			return timer('tHeld', 'held', part.pace);
		case 'tAcw':
			return timer('tAcw', 'acw', part.pace);
		case 'nTransferred': {
			const count = to.transferred - from.transferred;
			return count > 0 ? {count} : undefined;
		}
		case 'tNotResponding':
			// An alert that times out: about twice a short abandon (8 s or so).
			return timer('tShortAbandon', 'notResponding', 2);
		default:
			return undefined;
	}
}

type Group = {group: Record<string, string>; buckets: Array<Map<string, Stats>>; views?: Array<Map<string, Stats>>};

/**
 * The views of `tAnswered` for each part, from the answered conversations `fromAnswered` to `toAnswered` of the series:
 * each one's wait (its place in the tAnswered sequence, as the conversation details give it) counted in the part that
 * handled it (handlerOf, as the details name the agent and the code). Other targets are the queue's: none here.
 */
function partViews(
	people: People,
	model: TrafficModel,
	entity: Entity,
	seed: number,
	parts: readonly Part[],
	byCode: boolean,
	views: readonly View[],
	[fromAnswered, toAnswered]: [number, number],
): Array<Map<string, Stats>> {
	const out = parts.map(() => new Map<string, Stats>());
	const answeredViews = views.filter(view => view.target === 'tAnswered');
	if (answeredViews.length === 0) return out;
	for (let index = fromAnswered; index < toAnswered; index++) {
		const handler = handlerOf(people, entity, seed, index);
		const userId = people.users[handler.userIndex]?.id;
		const code = handler.codeIndex === undefined ? undefined : people.codes[handler.codeIndex]?.id;
		const slot = parts.findIndex(
			part => (!part.agent || part.userId === userId) && (!byCode || part.wrapUpCode === code),
		);
		if (slot < 0) continue;
		const wait = timerValue(model, entity.key, 'tAnswered', index);
		for (const view of answeredViews) {
			if (
				(view.range.gte !== undefined && wait < view.range.gte) ||
				(view.range.lt !== undefined && wait >= view.range.lt)
			)
				continue;
			const stats = out[slot]!.get(view.name);
			if (stats) {
				stats['count']! += 1;
				stats['sum']! += wait;
			} else out[slot]!.set(view.name, {count: 1, sum: wait});
		}
	}
	return out;
}

/**
 * Adds one bucket's statistic to a group (made when new): a metric's, or with `view` a view's (the group's views made
 * with its first).
 */
function add(
	groups: Map<string, Group>,
	group: Record<string, string>,
	size: number,
	bucket: number,
	metric: string,
	stats: Stats,
	view = false,
) {
	const key = JSON.stringify(group);
	let target = groups.get(key);
	if (!target) {
		target = {group, buckets: Array.from({length: size}, () => new Map())};
		groups.set(key, target);
	}
	if (view) target.views ??= Array.from({length: size}, () => new Map());
	const statistics = (view ? target.views : target.buckets)![bucket]!;
	const existing = statistics.get(metric);
	if (existing) mergeStats(existing, stats);
	else statistics.set(metric, stats);
}

export function runPeopleQuery(org: Org, model: TrafficModel, query: AggregateQuery): AggregateResult[] {
	const people = peopleOf(org);
	const byUser = mentions(query, 'userId');
	const byCode = mentions(query, 'wrapUpCode');
	const boundaries = bucketBoundaries(query);
	const size = boundaries.length - 1;
	const groups = new Map<string, Group>();
	const queueMetrics = query.metrics.filter(metric => !workMetrics.has(metric));
	const asked = query.metrics.filter(metric => workMetrics.has(metric));
	for (const entity of entitiesOf(org, seriesFilter(query.filter))) {
		const plan = planSeries(people, entity, byUser, byCode, org.seed);
		const valueOf = (part: Part | undefined) => (dimension: string) =>
			dimension === 'userId'
				? part?.userId
				: dimension === 'wrapUpCode'
					? part?.wrapUpCode
					: dimensionValue(entity, dimension);
		const groupOf = (part: Part | undefined) => {
			const group: Record<string, string> = {};
			const value = valueOf(part);
			for (const dimension of query.groupBy) {
				const found = value(dimension);
				if (found !== undefined) group[dimension] = found;
			}
			return group;
		};
		const queueWanted = filterHolds(query.filter, valueOf(undefined));
		const queueGroup = groupOf(undefined);
		const wanted = plan.parts.map(part => filterHolds(query.filter, valueOf(part)));
		const partGroups = plan.parts.map(part => groupOf(part));
		const queueAlerts = (answered: number) => queueNotResponding(org.seed, entity, answered);
		let previous: Cumulative = cumulativeCounts(model, entity.key, boundaries[0] ?? 0);
		let previousParts = countsOf(plan, previous.answered);
		for (let bucket = 1; bucket < boundaries.length; bucket++) {
			const next = cumulativeCounts(model, entity.key, boundaries[bucket] ?? 0);
			if (next.offered === previous.offered) {
				previous = next;
				continue;
			}
			const nextParts = countsOf(plan, next.answered);
			if (queueWanted) {
				for (const metric of queueMetrics) {
					const stats = metricStats(model, entity, metric, previous, next);
					if (stats) add(groups, queueGroup, size, bucket - 1, metric, stats);
				}
				if (plan.queueNotResponding && asked.includes('tNotResponding')) {
					const from = queueAlerts(previous.answered);
					const to = queueAlerts(next.answered);
					const stats = timerStats(model, entity.key, 'tShortAbandon', from, to);
					if (stats) add(groups, queueGroup, size, bucket - 1, 'tNotResponding', scaled(stats, 2)!);
				}
			}
			const views =
				query.views.length > 0
					? partViews(people, model, entity, org.seed, plan.parts, byCode, query.views, [
							previous.answered,
							next.answered,
						])
					: [];
			plan.parts.forEach((part, index) => {
				if (!wanted[index]) return;
				for (const metric of asked) {
					const stats = workStats(model, entity, part, metric, previousParts[index]!, nextParts[index]!);
					if (stats) add(groups, partGroups[index]!, size, bucket - 1, metric, stats);
				}
				for (const [name, stats] of views[index] ?? [])
					add(groups, partGroups[index]!, size, bucket - 1, name, stats, true);
			});
			previous = next;
			previousParts = nextParts;
		}
	}
	return resultsOf(groups.values(), boundaries);
}
