// Levels of now (people now) are kept current while they are shown: by push when the level has a push part (its
// agents' topics after its first load, changes applied in place, the whole level asked again only slowly and after a
// gap), else, or when push cannot be used, asked again every live refresh; the answer replaces the table's data in
// place (the selection, filter and sort stay). `l` pauses it where live columns are on; a failed refresh keeps the
// table and says so, and the next one tries again.
import {type Dispatch, useEffect, useMemo, useRef} from 'react';
import {CancelledError} from '../../errors.js';
import {type LiveMode, pushOnlyRetryMs, pushRetryMs} from '../../levels/live.js';
import {livePaused} from '../explorer/live.js';
import {levelOf} from '../../levels/registry.js';
import type {AgentFeed, LevelSource} from '../../levels/source.js';
import type {Loaded, PushedAgents} from '../../levels/types.js';
import {notRefreshed} from '../explorer/loads.js';
import {currentFrame, type ExplorerAction, type ExplorerState} from '../explorer/state.js';
import {liveFailureReason, pushFailureReason} from './use-live-updates.js';
import {oneBehind} from './one-behind.js';
import {betweenKeys} from '../input-activity.js';

export function useLevelRefresh(
	source: LevelSource,
	state: ExplorerState,
	dispatch: Dispatch<ExplorerAction>,
	refreshMs: number,
	mode: LiveMode = 'auto',
): void {
	const frame = currentFrame(state);
	const level = levelOf(frame.level);
	const request = useMemo(
		() => levelOf(frame.level).request(frame.level, state.granularity),
		[frame.level, state.granularity],
	);
	const loaded = state.data.get(request.key);
	// A big board asks less often (people now of every queue: one query per 100 queues), within its share of the rate;
	// data of a range without today is not asked again.
	const dataEveryMs = loaded && level.refreshes ? level.refreshes.everyMs(loaded.data) : undefined;
	const active = dataEveryMs !== undefined && !livePaused(state) && !state.error;
	const everyMs = Math.max(refreshMs, dataEveryMs ?? 0);
	const push = mode === 'poll' || !source.agentPush ? undefined : level.refreshes?.push;
	// Data older than a period when the level is shown again (Esc, then n) is asked for at once.
	// `asking`: the level is being asked anew on its own (`r`), not by this hook.
	const asking = state.loading?.key === request.key;
	const latest = useRef({loaded, everyMs, asking});
	latest.current = {loaded, everyMs, asking};
	// The running effect's adopt (below): data someone else loaded is taken as soon as it is on screen.
	const adopting = useRef<(() => void) | undefined>(undefined);
	useEffect(() => adopting.current?.(), [loaded]);

	useEffect(() => {
		if (!active) return;
		const controller = new AbortController();
		const {signal} = controller;
		let timer: ReturnType<typeof setTimeout> | undefined;
		let retry: ReturnType<typeof setTimeout> | undefined;
		let polling: AbortController | undefined;
		let feed: AgentFeed | undefined;
		let reconciling: ReturnType<typeof setTimeout> | undefined;
		let liveness: ReturnType<typeof setInterval> | undefined;
		// The data as this effect last saw or made it: pushed changes apply to it, one batch after another.
		let current: Loaded | undefined = latest.current.loaded;
		// The data this effect made or started from: any other on screen was loaded by someone else (r), and is newer.
		const ours = new WeakSet<Loaded>();
		if (current) ours.add(current);
		// While someone types, the board's changes go to the screen after their next key's frame (input-activity.ts),
		// the latest data then; the changes themselves apply at once.
		let showing = false;
		let notBetweenKeys: (() => void) | undefined;
		// How the board is fed, said after the data it is said of (never "live (push)" over the board before it).
		let feedAfter: ExplorerAction | undefined;
		const show = (next: Loaded) => {
			current = next;
			ours.add(next);
			if (showing) return;
			showing = true;
			notBetweenKeys = betweenKeys(() => {
				showing = false;
				if (signal.aborted) return;
				if (current) dispatch({type: 'refresh-done', key: request.key, loaded: current});
				if (feedAfter) dispatch(feedAfter);
				feedAfter = undefined;
			});
		};
		const say = (feed: NonNullable<Extract<ExplorerAction, {type: 'board-feed'}>['feed']>) => {
			if (showing) feedAfter = {type: 'board-feed', feed};
			else dispatch({type: 'board-feed', feed});
		};
		// The agents the board gained since push started (one who joined a queue, seen by a reload or `r`): their topics
		// too. Those already followed are skipped; a change of theirs between the load and the subscription waits for the
		// next reconcile.
		const follow = (data: Loaded | undefined) => {
			if (feed && push && data) feed.watch(push.users(data.data)).catch(() => undefined);
		};
		// Changes pushed while a reload runs: its answer may be older than they are, so they apply to it again.
		const during = new Set<PushedAgents[]>();
		const reload = async (within: AbortSignal) => {
			const pushed: PushedAgents[] = [];
			during.add(pushed);
			try {
				const answer = await source.load(request, {signal: within, fresh: true, scheduled: true});
				if (within.aborted) return;
				show(
					push
						? pushed.reduce((loaded, update) => ({...loaded, data: push.apply(loaded.data, update)}), answer)
						: answer,
				);
				follow(current);
			} finally {
				during.delete(pushed);
			}
		};
		// Each socket of the push reconciles after its gap: when all drop at once (a network blip; 5 sockets at 5,000
		// agents), one whole-board load runs and at most one more behind it, not five at once over the rate limit.
		const reconcileBoard = oneBehind(reload);
		const failed = (error: unknown, again: string) =>
			dispatch({type: 'notice', text: `${notRefreshed} (${liveFailureReason(error)}): ${again}.`});

		// Polling: counted from the start of the one before, so the oldest state shown is a period and one refresh old: a
		// slow refresh makes the next one late, never two at once.
		const poll = () => {
			const loop = new AbortController();
			polling = loop;
			const schedule = (delayMs: number) => {
				if (!loop.signal.aborted) timer = setTimeout(tick, delayMs);
			};
			const tick = () => {
				const startedAt = Date.now();
				const periodMs = latest.current.everyMs;
				reload(loop.signal).then(
					() => schedule(Math.max(0, periodMs - (Date.now() - startedAt))),
					(error: unknown) => {
						if (loop.signal.aborted || error instanceof CancelledError) return;
						failed(error, `trying again in ${Math.round(periodMs / 1000)} s`);
						schedule(periodMs);
					},
				);
			};
			// The first one is counted from the end of the load it follows (a first load also asks names once).
			const age = Date.now() - (current?.asOf.getTime() ?? Date.now());
			schedule(Math.max(0, latest.current.everyMs - age));
		};
		const stopPolling = () => {
			polling?.abort();
			polling = undefined;
			clearTimeout(timer);
		};

		// Changes pushed while `r` asks the board anew: its answer may be older than they are, so they apply to it again
		// (one older than the answer's state is skipped by push.apply).
		let whileAsked: PushedAgents[] = [];
		// The data on screen that someone else loaded (`r`): taken as this hook's, with the changes pushed while it was
		// asked, once it is on screen (the effect on `loaded` above) or at the next change, whichever comes first.
		const adopt = () => {
			const shown = latest.current.loaded;
			if (!push || signal.aborted || !shown || ours.has(shown)) return;
			// Taken once: until this hook's next data is on screen, it is still the one shown.
			ours.add(shown);
			const missed = whileAsked;
			whileAsked = [];
			current = missed.reduce((loaded, each) => ({...loaded, data: push.apply(loaded.data, each)}), shown);
			if (missed.length > 0) show(current);
			follow(current);
		};
		adopting.current = adopt;
		const apply = (update: PushedAgents) => {
			if (!push || signal.aborted) return;
			adopt();
			if (!current) return;
			if (latest.current.asking) whileAsked.push(update);
			else whileAsked = [];
			for (const pushed of during) pushed.push(update);
			show({...current, data: push.apply(current.data, update)});
		};
		const fallBack = (reason: string) => {
			// The feed that gave up is ended whole (a media query it was about to ask, its batches).
			feed?.stop();
			feed = undefined;
			clearTimeout(reconciling);
			clearInterval(liveness);
			if (signal.aborted) return;
			// Push only: no polling, the status says why the board is stale, and push is tried again soon.
			if (mode === 'push') {
				say({push: true, down: reason});
				retry = setTimeout(() => void startPush(), pushOnlyRetryMs);
				return;
			}
			say({push: false, reason});
			poll();
			// Push again later: the proxy may pass it by then, the socket may come back.
			retry = setTimeout(() => {
				stopPolling();
				void startPush();
			}, pushRetryMs);
		};
		const startPush = async () => {
			if (!push || !current) return;
			try {
				const started = await source.agentPush!(
					push.users(current.data),
					{
						onChanges: changes => apply({changes}),
						onSessions: (sessions, asked) => apply({sessions, asked}),
						// After the start and after any gap: the whole board, so no stale state survives.
						reconcile: reconcileBoard,
						onDown: fallBack,
					},
					{signal},
				);
				if (signal.aborted) return started.stop();
				feed = started;
				// The reconcile after the subscriptions may have found agents the first load did not have.
				follow(current);
				say({push: true});
				// While a socket is down or reconnecting, events are missed: the board is not live until the reconcile
				// after it, and the status says so (as the live columns' age does) instead of "live (push)".
				let healthy = true;
				liveness = setInterval(() => {
					if (feed !== started || started.healthy === healthy) return;
					healthy = started.healthy;
					say(healthy ? {push: true} : {push: true, down: 'reconnecting'});
				}, refreshMs);
				// The slow reconcile: what push may have missed (an agent who joined a queue) is there within minutes. The
				// chain is this feed's: it ends with it (a fallback to polling, a new start after it, the board left), so
				// no timer of an old feed runs on beside a new one.
				const reconcile = () => {
					reconciling = setTimeout(() => {
						if (feed !== started || signal.aborted) return;
						if (!started.healthy) return reconcile();
						reconcileBoard(signal).then(
							() => {
								if (feed === started) reconcile();
							},
							(error: unknown) => {
								if (signal.aborted || error instanceof CancelledError || feed !== started) return;
								failed(error, 'push goes on');
								reconcile();
							},
						);
					}, push.reconcileMs(current?.data));
				};
				reconcile();
			} catch (error) {
				fallBack(pushFailureReason(error));
			}
		};

		if (push) void startPush();
		else {
			if (level.refreshes?.push) say({push: false, reason: '--live poll'});
			poll();
		}
		return () => {
			controller.abort();
			if (adopting.current === adopt) adopting.current = undefined;
			notBetweenKeys?.();
			// What this feed said is of no later one (the board shown again, resumed, left).
			if (push || level.refreshes?.push) dispatch({type: 'board-feed', feed: undefined});
			stopPolling();
			feed?.stop();
			clearTimeout(retry);
			clearTimeout(reconciling);
			clearInterval(liveness);
		};
		// The period is read when each refresh is scheduled: a board whose size changes keeps its feed.
	}, [active, source, request, dispatch, push, level, mode, refreshMs]);
}
