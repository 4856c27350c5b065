// The live slice of the explorer's reducer: the latest observation of each queue, failures, and the pause (`l`).
import type {ExplorerState, LiveAction} from './types.js';

/** Whether `l` paused live updates: the live slice's, or a level of now's on a range without today. */
export function livePaused(state: ExplorerState): boolean {
	return state.live ? state.live.paused : state.nowPaused === true;
}

export function liveReducer(state: ExplorerState, action: LiveAction): ExplorerState {
	// A range without today has no live columns: only a level of now (people now) refreshes, and `l` pauses it.
	if (!state.live) return action.type === 'live-toggle' ? {...state, nowPaused: !state.nowPaused} : state;
	switch (action.type) {
		case 'live-toggle': {
			// A pause stops the feeds: how they fed is no more, and after it they say anew (the status must not say
			// "live (push)" over data as old as the pause while push starts again).
			const {feed: _stopped, boardFeed: _boardStopped, ...rest} = state.live;
			return {...state, live: {...rest, paused: !state.live.paused}};
		}
		case 'live-done': {
			// Only the queues asked are replaced: the others keep their last values until their turn.
			const queues = new Map(state.live.queues);
			for (const [id, queue] of action.queues) queues.set(id, queue);
			const changed = {from: state.live.queues, ids: [...action.queues.keys()]};
			return {...state, live: {...state.live, queues, changed, updatedAt: action.at, failures: 0, reason: undefined}};
		}
		case 'live-feed':
			return {...state, live: {...state.live, feed: action.feed}};
		case 'board-feed': {
			// The live columns' feed is not the board's: each says its own, and the board's goes with it.
			const {boardFeed: _gone, ...rest} = state.live;
			return {...state, live: action.feed ? {...rest, boardFeed: action.feed} : rest};
		}
		case 'live-failed':
			return {...state, live: {...state.live, failures: state.live.failures + 1, reason: action.reason}};
	}
}
