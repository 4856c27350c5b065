// The app's screens as a pure reducer: which screen shows, and where each way out of a screen leads.
import type {GqxError} from '../errors.js';
import type {Profile} from '../profiles/store.js';
import type {DateRange} from '../range/range.js';

export type Screen =
	| {kind: 'picker'}
	| {kind: 'wizard'; editing?: Profile}
	| {kind: 'dates'}
	| {kind: 'explorer'; range: DateRange}
	| {kind: 'fatal'; error: GqxError};

export type AppState = {
	screen: Screen;
	/** The embedded emulator's session: no profiles to go back to. */
	demo: boolean;
	/** There is a saved profile or credentials in the environment to pick from. */
	canPick: boolean;
	/** The app should exit. */
	quit: boolean;
};

export type AppAction =
	| {type: 'show'; screen: Screen}
	| {type: 'profiles-changed'; canPick: boolean}
	/** Esc on the dates. */
	| {type: 'dates-cancelled'}
	/** Esc in the wizard. */
	| {type: 'wizard-cancelled'}
	/** `p` in the explorer. */
	| {type: 'switch-profile'}
	| {type: 'quit'};

export function initialApp(options: {demo: boolean; canPick: boolean}): AppState {
	return {screen: {kind: 'picker'}, demo: options.demo, canPick: options.canPick, quit: false};
}

export function appReducer(state: AppState, action: AppAction): AppState {
	switch (action.type) {
		case 'show':
			return {...state, screen: action.screen};
		case 'profiles-changed':
			return {...state, canPick: action.canPick};
		case 'dates-cancelled':
			return state.demo ? {...state, quit: true} : {...state, screen: {kind: 'picker'}};
		case 'wizard-cancelled':
			return state.canPick ? {...state, screen: {kind: 'picker'}} : {...state, quit: true};
		case 'switch-profile':
			return state.demo ? state : {...state, screen: {kind: 'picker'}};
		case 'quit':
			return {...state, quit: true};
	}
}
