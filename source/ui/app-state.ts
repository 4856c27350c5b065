// The app's screens as a pure reducer: which screen shows, and where each way out of a screen leads.
import type {GqxError} from '../errors.js';
import type {Profile} from '../profiles/store.js';
import type {DateRange} from '../range/range.js';

export type Screen =
	/** `back`: the screen `p` left (Esc returns to it); `selected`: the profile the cursor starts on. */
	| {kind: 'picker'; back?: Screen; selected?: string}
	/** `from`: the picker it was opened from (Esc returns to it, the edited profile still selected). */
	| {kind: 'wizard'; editing?: Profile; from?: Screen & {kind: 'picker'}}
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
	/** `p` in the explorer, on the session's profile (if it is one). */
	| {type: 'switch-profile'; selected?: string}
	/** Esc on the picker: back to the screen `p` left, or out at the start. */
	| {type: 'picker-back'}
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
		case 'wizard-cancelled': {
			if (!state.canPick) return {...state, quit: true};
			const {screen} = state;
			const from = screen.kind === 'wizard' ? screen.from : undefined;
			const selected = (screen.kind === 'wizard' ? screen.editing?.name : undefined) ?? from?.selected;
			return {...state, screen: {...from, kind: 'picker', selected}};
		}
		case 'switch-profile':
			return state.demo ? state : {...state, screen: {kind: 'picker', back: state.screen, selected: action.selected}};
		case 'picker-back':
			return state.screen.kind === 'picker' && state.screen.back
				? {...state, screen: state.screen.back}
				: {...state, quit: true};
		case 'quit':
			return {...state, quit: true};
	}
}
