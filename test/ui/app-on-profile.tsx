// The app and the explorer rendered against the emulator as the UI tests start them: a saved profile, the whole
// app on it, the explorer on a range. Unmount what they render with ink-testing-library's `cleanup`.
import {render} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {GenesysClient} from '../../source/genesys/client.js';
import {createLevelSource, RetryHub} from '../../source/levels/source.js';
import {type Profile, ProfileStore} from '../../source/profiles/store.js';
import type {DateRange} from '../../source/range/range.js';
import {App, type AppProps, type AppStart, type ClientFactory} from '../../source/ui/app.js';
import {Explorer} from '../../source/ui/screens/explorer.js';
import {clientFor, fileSecrets, testNow} from '../helpers.js';
import {scratchDir} from '../run-cli.js';
import fs from 'node:fs';
import path from 'node:path';
import {keys, press, type Rendered, ready, waitForText} from './ink.js';

export const now = () => DateTime.fromMillis(testNow);

/** Retries as the app's, but short, so that a test of a failure does not wait out real back-offs. */
export const makeClient: ClientFactory = (credentials, onRetry) =>
	new GenesysClient({...credentials, onRetry, backoffBaseMs: 10, backoffMaxMs: 50});

export type AppOptions = {
	start?: AppStart;
	/** Where the profiles are: `dir`'s own store unless given; `null` for none, as in the demo. */
	store?: ProfileStore | null;
	env?: Record<string, string>;
	makeClient?: ClientFactory;
	/** More of the app's props (its clock, refresh period, live mode): as `gqx`'s flags would set them. */
	props?: Partial<AppProps>;
};

/** The app as `gqx` starts it in `dir` (by default: the picker or wizard, under NO_COLOR). */
export function renderApp(dir: string, options: AppOptions = {}): Rendered {
	const store = options.store === undefined ? new ProfileStore({cwd: dir}) : options.store;
	return render(
		<App
			start={options.start ?? {kind: 'auto'}}
			secrets={store ? fileSecrets(store) : undefined}
			cwd={dir}
			env={options.env ?? {NO_COLOR: '1'}}
			now={now}
			makeClient={options.makeClient ?? makeClient}
			{...options.props}
		/>,
	);
}

/** Saves profile `acme` for the emulator, in UTC and starting on `dateChoice`, in a new scratch folder. */
export function saveProfile(
	emu: Emulator,
	dateChoice: NonNullable<Profile['dateChoice']>,
): {dir: string; store: ProfileStore} {
	const dir = scratchDir();
	const store = new ProfileStore({cwd: dir});
	store.save({
		name: 'acme',
		region: emu.url,
		clientId: demoClient.id,
		clientSecret: demoClient.secret,
		timeZone: 'UTC',
		dateChoice,
	});
	return {dir, store};
}

export const tableShown = /Total\s+[!~]?[\d,]+/;

/**
 * The app started on profile `acme` (saved with `dateChoice`, so straight to the table): waits for the table and
 * for its keys, and gives the table's first frame.
 */
export async function appOnProfile(
	emu: Emulator,
	dateChoice: NonNullable<Profile['dateChoice']>,
	env?: Record<string, string>,
): Promise<{app: Rendered; dir: string; store: ProfileStore; table: string}> {
	const {dir, store} = saveProfile(emu, dateChoice);
	const app = renderApp(dir, {start: {kind: 'profile', name: 'acme'}, store, env});
	const table = await waitForText(app, tableShown);
	await ready(app, tableShown);
	return {app, dir, store, table};
}

/** The explorer alone on `range` of the emulator, under NO_COLOR, its ways out doing nothing. */
export function renderExplorer(
	emu: Emulator,
	range: DateRange,
	size: {width: number; height: number},
	profileLabel = 'acme',
	options: {live?: boolean; client?: GenesysClient} = {},
): Rendered {
	const noop = () => {};
	return render(
		<Explorer
			profileLabel={profileLabel}
			range={range}
			source={createLevelSource(options.client ?? clientFor(emu), range, new RetryHub())}
			width={size.width}
			height={size.height}
			cwd="/tmp"
			onDates={noop}
			onProfile={noop}
			onQuit={noop}
			live={options.live}
		/>,
	);
}

/** `e`, JSON, the suggested name: the records written. */
export async function exportJson(app: Rendered, dir: string): Promise<Array<Record<string, unknown>>> {
	await press(app, 'e');
	await waitForText(app, 'Export this view');
	await press(app, keys.down, keys.enter);
	await waitForText(app, 'File: ');
	await press(app, keys.enter);
	const done = await waitForText(app, /Wrote \d+ rows to \S+/);
	const file = /Wrote \d+ rows to (\S+)/.exec(done)![1]!;
	return JSON.parse(fs.readFileSync(path.resolve(dir, file), 'utf8')) as Array<Record<string, unknown>>;
}
