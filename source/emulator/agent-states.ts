// What each agent of the emulated org is doing at a moment: presence (with the org's own presence definitions) and
// routing status, each with the time it began. An agent has one state, the same in every queue they belong to, as in
// Genesys; the queues' live agent counts (observations) are counted from these states, so a queue's On queue and
// Available always equal the members listed by the routing activity query at the same moment.
//
// The day of an agent: a shift of 8.5 hours (most start between 06:00 and 12:00 of the org's business day, a few
// work evenings or nights; half work at weekends), logging in as Available, then On Queue, with two breaks, a meal
// and sometimes a meeting, training or a few minutes away. On queue they alternate between idle and interacting
// (handle time including after-call work), busier when the org's traffic is high; now and then one does not answer
// an offered interaction (not responding) or is on a non-ACD call (communicating).
import {mediaTypes} from './catalog.js';
import type {EmulatedQueue, Org} from './org.js';
import {type People, peopleOf} from './people.js';
import {hash, stableUuid, unit} from './random.js';
import type {TrafficModel} from './traffic.js';

export type SystemPresence =
	'AVAILABLE' | 'AWAY' | 'BREAK' | 'BUSY' | 'IDLE' | 'MEAL' | 'MEETING' | 'OFFLINE' | 'ON_QUEUE' | 'TRAINING';
export type RoutingStatus = 'COMMUNICATING' | 'IDLE' | 'INTERACTING' | 'NOT_RESPONDING' | 'OFF_QUEUE';

export type PresenceDefinition = {
	id: string;
	/** The primary (system) definition of a system presence, or the org's own secondary one. */
	primary: boolean;
	systemPresence: SystemPresence;
	languageLabels: Record<string, string>;
};

const systemLabels: ReadonlyArray<[SystemPresence, string, string]> = [
	// The ids seen in real orgs (reference part 3 §B.5), made up where the capture was cut.
	['AVAILABLE', 'Available', '6a3af858-942f-489d-9700-5f9bcdcdae9b'],
	['BUSY', 'Busy', '31fe3bac-dea6-44b7-bed7-47f91660a1a0'],
	['AWAY', 'Away', stableUuid(0, 71, 4)],
	['BREAK', 'Break', '227b37e2-f1d0-4dd0-8f50-badd7cf6d158'],
	['MEAL', 'Meal', '3fd96123-badb-4f69-bc03-1b1ccc6d8014'],
	['MEETING', 'Meeting', stableUuid(0, 71, 5)],
	['TRAINING', 'Training', stableUuid(0, 71, 6)],
	['ON_QUEUE', 'On Queue', 'e08eaf1b-ee47-4fa9-a231-1200e284798f'],
	['OFFLINE', 'Offline', 'ccf3c10a-aa2c-4845-8e8d-f59fa48c58e5'],
	['IDLE', 'Idle', stableUuid(0, 71, 7)],
];

/** The org's presence definitions: the ten system ones, and secondary ones of its own (one with labels in two languages). */
export const presenceDefinitions: readonly PresenceDefinition[] = [
	...systemLabels.map(([systemPresence, label, id]) => ({
		id,
		primary: true,
		systemPresence,
		languageLabels: {en_US: label},
	})),
	{id: stableUuid(0, 72, 1), primary: false, systemPresence: 'MEETING', languageLabels: {en_US: 'Coaching'}},
	{id: stableUuid(0, 72, 2), primary: false, systemPresence: 'BUSY', languageLabels: {en_US: 'Back office'}},
	{
		id: stableUuid(0, 72, 3),
		primary: false,
		systemPresence: 'BREAK',
		languageLabels: {en_US: 'Coffee break', fr: 'Pause café'},
	},
];

const primaryId = new Map(presenceDefinitions.filter(each => each.primary).map(each => [each.systemPresence, each.id]));
/** The org presence id of a system presence's primary definition. */
export function presenceIdOf(presence: SystemPresence): string {
	return primaryId.get(presence) ?? '';
}
const coaching = presenceDefinitions[10]!.id;
const backOffice = presenceDefinitions[11]!.id;
const coffee = presenceDefinitions[12]!.id;

export type AgentState = {
	presence: SystemPresence;
	/** The organization presence id (a secondary definition's where the agent chose one). */
	presenceId: string;
	presenceSinceMs: number;
	routing: RoutingStatus;
	routingSinceMs: number;
	/** The media type of the interaction an interacting agent is on. */
	media?: string;
	/** The conversation an interacting or communicating agent is on: what the agent status query lists of them. */
	session?: AgentSession;
};

/** An agent's conversation now: when it reached them, and its current segment (talking, or after-call work). */
export type AgentSession = {
	/** A number of its own per agent, for a stable conversation id. */
	key: number;
	media: string;
	startMs: number;
	segmentType: 'interact' | 'wrapup';
	segmentStartMs: number;
	/** A call not from a queue (communicating): no routed queue. */
	direct: boolean;
};

const minute = 60_000;
const shiftMs = 8.5 * 60 * minute;

type Block = {start: number; end: number; presence: SystemPresence; presenceId: string};

/** The presence blocks of an agent's shift on a local day (day 0 = 1970-01-01 in the org's business time). */
function shiftBlocks(seed: number, user: number, day: number, offsetMs: number): Block[] {
	const weekday = (((day + 3) % 7) + 7) % 7; // 0 = Monday
	const works = weekday < 5 ? unit(seed, 410, user, day) < 0.92 : unit(seed, 411, user, day) < 0.5;
	if (!works) return [];
	const late = unit(seed, 412, user) < 0.15;
	const startHour = late ? 16 + unit(seed, 413, user, day) * 12 : 6 + unit(seed, 413, user, day) * 6;
	const start = day * 1440 * minute - offsetMs + Math.round(startHour * 60) * minute;
	const end = start + shiftMs;
	const at = (hours: number, jitter: number) =>
		start + Math.round((hours * 60 + (unit(seed, 414, user, day, jitter) - 0.5) * 30) * 1) * minute;
	const cuts: Array<[number, number, SystemPresence, string]> = [
		[start, 3 + (hash(seed, 415, user, day) % 5), 'AVAILABLE', presenceIdOf('AVAILABLE')],
		[at(2, 1), 15, 'BREAK', unit(seed, 416, user, day) < 0.3 ? coffee : presenceIdOf('BREAK')],
		[at(4.2, 2), 30, 'MEAL', presenceIdOf('MEAL')],
		[at(6.5, 3), 15, 'BREAK', presenceIdOf('BREAK')],
	];
	const extra = unit(seed, 417, user, day);
	if (extra < 0.08) cuts.push([at(3.1, 4), 60, 'TRAINING', presenceIdOf('TRAINING')]);
	else if (extra < 0.16) cuts.push([at(3.1, 4), 45, 'MEETING', presenceIdOf('MEETING')]);
	else if (extra < 0.24) cuts.push([at(3.1, 4), 30, 'MEETING', coaching]);
	else if (extra < 0.3) cuts.push([at(5.3, 5), 40, 'BUSY', backOffice]);
	if (unit(seed, 418, user, day) < 0.25) cuts.push([at(7.4, 6), 4 + (hash(seed, 419, user, day) % 8), 'AWAY', '']);
	cuts.sort((a, b) => a[0] - b[0]);
	const blocks: Block[] = [];
	let cursor = start;
	for (const [from, minutes, presence, id] of cuts) {
		const begin = Math.max(from, cursor);
		if (begin > cursor) blocks.push({start: cursor, end: begin, presence: 'ON_QUEUE', presenceId: ''});
		const stop = Math.min(end, begin + minutes * minute);
		if (stop > begin) blocks.push({start: begin, end: stop, presence, presenceId: id || presenceIdOf(presence)});
		cursor = Math.max(cursor, stop);
	}
	if (cursor < end) blocks.push({start: cursor, end, presence: 'ON_QUEUE', presenceId: ''});
	for (const block of blocks) if (!block.presenceId) block.presenceId = presenceIdOf(block.presence);
	return blocks;
}

/** How busy the org is at a local hour, 0.3 (night) to 0.85 (the peaks): the share of on-queue time interacting. */
function load(hour: number): number {
	const peak = Math.exp(-(((hour - 10.5) / 2.4) ** 2)) + 0.9 * Math.exp(-(((hour - 14.5) / 2.6) ** 2));
	return Math.min(0.85, 0.3 + 0.55 * peak);
}

/** `wrapupFrom`: an interaction's after-call work begins there (the customer has gone). */
type Segment = {start: number; end: number; routing: RoutingStatus; media?: string; wrapupFrom?: number; key?: number};

/** Where an agent's walk through an on-queue block got to, so the next moment continues from there. */
type Cursor = {block: number; index: number; segment: Segment};

export class AgentStates {
	readonly #people: People;
	readonly #seed: number;
	readonly #offsetMs: number;
	readonly #cursors = new Map<number, Cursor>();
	readonly #days = new Map<string, Block[]>();

	constructor(people: People, seed: number, offsetMinutes: number) {
		this.#people = people;
		this.#seed = seed;
		this.#offsetMs = offsetMinutes * minute;
	}

	/** The state of a user (by index into the people's users) at a moment. Deleted users are offline. */
	at(userIndex: number, nowMs: number): AgentState {
		const user = this.#people.users[userIndex];
		const offline = (since: number): AgentState => ({
			presence: 'OFFLINE',
			presenceId: presenceIdOf('OFFLINE'),
			presenceSinceMs: since,
			routing: 'OFF_QUEUE',
			routingSinceMs: since,
		});
		if (!user || user.state !== 'active') return offline(nowMs - 30 * 86_400_000);
		const localDay = Math.floor((nowMs + this.#offsetMs) / (1440 * minute));
		// A shift may have begun the day before (evening shifts).
		for (const day of [localDay, localDay - 1]) {
			const blocks = this.#blocks(userIndex, day);
			const index = blocks.findIndex(block => block.start <= nowMs && nowMs < block.end);
			if (index === -1) continue;
			const block = blocks[index]!;
			if (block.presence !== 'ON_QUEUE') {
				// Off queue since the first of the blocks off queue that lead here.
				let first = index;
				while (first > 0 && blocks[first - 1]!.presence !== 'ON_QUEUE') first--;
				return {
					presence: block.presence,
					presenceId: block.presenceId,
					presenceSinceMs: block.start,
					routing: 'OFF_QUEUE',
					routingSinceMs: blocks[first]!.start,
				};
			}
			const segment = this.#segment(userIndex, day * 100 + index, block, nowMs);
			return {
				presence: 'ON_QUEUE',
				presenceId: block.presenceId,
				presenceSinceMs: block.start,
				routing: segment.routing,
				routingSinceMs: segment.start,
				...(segment.media ? {media: segment.media} : {}),
				...(segment.media && segment.key !== undefined ? {session: sessionOf(segment, nowMs)} : {}),
			};
		}
		// Off shift: offline since the end of their last shift (a week back at most), the same at every request.
		for (let day = localDay; day > localDay - 8; day--) {
			const ended = this.#blocks(userIndex, day)
				.filter(block => block.end <= nowMs)
				.reduce((latest, block) => Math.max(latest, block.end), 0);
			if (ended > 0) return offline(ended);
		}
		return offline((localDay - 8) * 1440 * minute - this.#offsetMs);
	}

	#blocks(user: number, day: number): Block[] {
		const key = `${user}:${day}`;
		let blocks = this.#days.get(key);
		if (!blocks) {
			blocks = shiftBlocks(this.#seed, user, day, this.#offsetMs);
			if (this.#days.size > 50_000) this.#days.clear();
			this.#days.set(key, blocks);
		}
		return blocks;
	}

	/** The routing segment of an on-queue block that holds the moment: idle and interacting by turns. */
	#segment(user: number, blockKey: number, block: Block, nowMs: number): Segment {
		let cursor = this.#cursors.get(user);
		if (!cursor || cursor.block !== blockKey || nowMs < cursor.segment.start)
			cursor = {block: blockKey, index: 0, segment: this.#nextSegment(user, blockKey, 0, block.start, 'INTERACTING')};
		while (cursor.segment.end <= nowMs && cursor.segment.end < block.end) {
			const index: number = cursor.index + 1;
			cursor = {
				block: blockKey,
				index,
				segment: this.#nextSegment(user, blockKey, index, cursor.segment.end, cursor.segment.routing),
			};
		}
		this.#cursors.set(user, cursor);
		const segment = cursor.segment;
		return {...segment, end: Math.min(segment.end, block.end)};
	}

	#nextSegment(user: number, blockKey: number, index: number, start: number, previous: RoutingStatus): Segment {
		const seed = this.#seed;
		const draw = (salt: number) => unit(seed, 430 + salt, user, blockKey, index);
		const exponential = (mean: number, salt: number) => Math.max(0.2, -Math.log(1 - draw(salt) * 0.999) * mean);
		const hour = ((((start + this.#offsetMs) / 3_600_000) % 24) + 24) % 24;
		if (previous !== 'IDLE') {
			// Interactions are handed to idle agents.
			const rho = load(hour);
			return {start, end: start + Math.round(exponential((5.5 * (1 - rho)) / rho, 1) * minute), routing: 'IDLE'};
		}
		const kind = draw(2);
		if (kind < 0.03) return {start, end: start + Math.round((1 + draw(3) * 4) * minute), routing: 'NOT_RESPONDING'};
		const key = blockKey * 1000 + index;
		if (kind < 0.05)
			return {
				start,
				end: start + Math.round((2 + draw(3) * 5) * minute),
				routing: 'COMMUNICATING',
				media: 'voice',
				key,
			};
		const pick = draw(4);
		const media = pick < 0.55 ? 'voice' : pick < 0.75 ? 'chat' : pick < 0.9 ? 'message' : 'email';
		const end = start + Math.round(exponential(5.5, 5) * minute);
		// After-call work: about a minute on average, never more than a third of the handle time.
		const wrapup = Math.min((end - start) / 3, exponential(1, 6) * minute);
		return {
			start,
			end,
			routing: 'INTERACTING',
			media: mediaTypes.includes(media as never) ? media : 'voice',
			wrapupFrom: Math.round(end - wrapup),
			key,
		};
	}
}

function sessionOf(segment: Segment, nowMs: number): AgentSession {
	const wrapping = segment.wrapupFrom !== undefined && nowMs >= segment.wrapupFrom;
	return {
		key: segment.key ?? 0,
		media: segment.media ?? 'voice',
		startMs: segment.start,
		segmentType: wrapping ? 'wrapup' : 'interact',
		segmentStartMs: wrapping ? segment.wrapupFrom! : segment.start,
		direct: segment.routing === 'COMMUNICATING',
	};
}

const cache = new WeakMap<object, AgentStates>();

/** The agents' states of an org under a traffic model (its seed and business day), made once. */
export function agentStatesOf(org: Org, model: TrafficModel): AgentStates {
	let states = cache.get(model);
	if (!states) {
		states = new AgentStates(peopleOf(org), model.seed, model.offsetMinutes);
		cache.set(model, states);
	}
	return states;
}

/** Users (by index) who joined a queue (by index) since the org was made: members now, not of its history. */
const joined = new WeakMap<Org, Map<number, Set<number>>>();

/** A queue's members now: its agents who have not left (deleted users stay in the queue's history only). */
export function currentMembers(org: Org, queue: EmulatedQueue): number[] {
	const people = peopleOf(org);
	const members = people.membersOf(queue).filter(index => people.users[index]?.state === 'active');
	const since = joined.get(org)?.get(queue.index);
	return since ? [...new Set([...members, ...since])] : members;
}

/** A user joins a queue now (an admin adding them): the queue's members and the user's queues list them from now on. */
export function joinQueue(org: Org, queue: EmulatedQueue, user: number): void {
	let byQueue = joined.get(org);
	if (!byQueue) joined.set(org, (byQueue = new Map()));
	byQueue.set(queue.index, new Set([...(byQueue.get(queue.index) ?? []), user]));
	memberships.delete(org);
}

/** Each user's queues now (by index), made once per org. */
const memberships = new WeakMap<Org, Map<number, string[]>>();

/** The queues a user (by index) is an active member of now. */
export function queuesOfUser(org: Org, user: number): readonly string[] {
	let byUser = memberships.get(org);
	if (!byUser) {
		byUser = new Map();
		for (const queue of org.queues)
			for (const index of currentMembers(org, queue)) byUser.set(index, [...(byUser.get(index) ?? []), queue.id]);
		memberships.set(org, byUser);
	}
	return byUser.get(user) ?? [];
}

/**
 * A user's state now, by id, with the queues they are an active member of (what the user topics tell, §B.7): the same
 * state the routing activity query lists them with. Undefined for an id the org does not have.
 */
export function userStateOf(
	org: Org,
	model: TrafficModel,
	userId: string,
	nowMs: number,
	isDeleted: (queueId: string) => boolean,
): (AgentState & {queueIds: string[]}) | undefined {
	const user = peopleOf(org).userById.get(userId);
	if (!user) return undefined;
	return {
		...agentStatesOf(org, model).at(user.index, nowMs),
		queueIds: queuesOfUser(org, user.index).filter(id => !isDeleted(id)),
	};
}
