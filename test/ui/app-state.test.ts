// The app's screens as a reducer: where each way out of a screen leads, in a demo and with profiles.
import {DateTime} from 'luxon';
import {describe, expect, it} from 'vitest';
import {GqxError} from '../../source/errors.js';
import {resolveRange} from '../../source/range/range.js';
import {type AppAction, appReducer, type AppState, initialApp} from '../../source/ui/app-state.js';

function apply(state: AppState, ...actions: AppAction[]): AppState {
	return actions.reduce(appReducer, state);
}

const range = resolveRange({preset: 'last-7-days'}, 'UTC', DateTime.fromISO('2026-03-20T15:00:00Z'));
const explorer = {type: 'show', screen: {kind: 'explorer', range}} as const;
const dates = {type: 'show', screen: {kind: 'dates'}} as const;

describe('app screens', () => {
	it('starts on the picker, not quitting', () => {
		expect(initialApp({demo: false, canPick: true})).toEqual({
			screen: {kind: 'picker'},
			demo: false,
			canPick: true,
			quit: false,
		});
	});

	it('shows the screen it is told to', () => {
		const state = apply(initialApp({demo: false, canPick: true}), dates, explorer);
		expect(state.screen).toEqual({kind: 'explorer', range});
		const error = new GqxError('No saved profile named "x".', 'Run gqx without --profile to set one up.');
		expect(apply(state, {type: 'show', screen: {kind: 'fatal', error}}).screen).toEqual({kind: 'fatal', error});
	});

	it('in a demo: Esc on the dates quits and p in the explorer does nothing', () => {
		const demo = apply(initialApp({demo: true, canPick: false}), dates);
		expect(apply(demo, {type: 'dates-cancelled'}).quit).toBe(true);
		const exploring = apply(demo, explorer);
		expect(apply(exploring, {type: 'switch-profile'})).toBe(exploring);
		// Even with credentials in the environment there are no profiles to go back to in a demo.
		const withEnvironment = apply(initialApp({demo: true, canPick: true}), explorer);
		expect(apply(withEnvironment, {type: 'switch-profile'})).toBe(withEnvironment);
	});

	it('with profiles: Esc on the dates and p in the explorer go to the picker', () => {
		const state = apply(initialApp({demo: false, canPick: true}), dates);
		expect(apply(state, {type: 'dates-cancelled'})).toMatchObject({screen: {kind: 'picker'}, quit: false});
		expect(apply(state, explorer, {type: 'switch-profile'})).toMatchObject({screen: {kind: 'picker'}, quit: false});
		// Esc on that picker goes back to the table; on the picker at the start it quits.
		const back = apply(state, explorer, {type: 'switch-profile', selected: 'acme'}, {type: 'picker-back'});
		expect(back).toMatchObject({screen: explorer.screen, quit: false});
		expect(apply(initialApp({demo: false, canPick: true}), {type: 'picker-back'}).quit).toBe(true);
	});

	it('Esc in the wizard goes to the picker only when there is something to pick, else quits', () => {
		const wizard = {type: 'show', screen: {kind: 'wizard'}} as const;
		const first = apply(initialApp({demo: false, canPick: false}), wizard);
		expect(apply(first, {type: 'wizard-cancelled'})).toMatchObject({screen: {kind: 'wizard'}, quit: true});
		const more = apply(initialApp({demo: false, canPick: true}), wizard);
		expect(apply(more, {type: 'wizard-cancelled'})).toMatchObject({screen: {kind: 'picker'}, quit: false});
		// The only profile deleted, then a new one begun and cancelled: nothing left to pick, so quit.
		const emptied = apply(more, {type: 'profiles-changed', canPick: false}, {type: 'wizard-cancelled'});
		expect(emptied.quit).toBe(true);
		// The first profile saved, then the wizard opened again from the picker: Esc goes back to it.
		const saved = apply(first, {type: 'profiles-changed', canPick: true}, {type: 'wizard-cancelled'});
		expect(saved).toMatchObject({screen: {kind: 'picker'}, quit: false});
	});

	it('quits when asked, from any screen', () => {
		for (const screen of [dates, explorer, {type: 'show', screen: {kind: 'picker'}} as const])
			expect(apply(initialApp({demo: false, canPick: true}), screen, {type: 'quit'}).quit).toBe(true);
	});
});
