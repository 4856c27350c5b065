// The explorer reducer run over a list of actions, as a user's keys would one after another.
import {type ExplorerAction, explorerReducer, type ExplorerState} from '../../../source/ui/explorer/state.js';

export function apply(state: ExplorerState, ...actions: ExplorerAction[]): ExplorerState {
	return actions.reduce(explorerReducer, state);
}
