// The interactive app: profile picker or set-up wizard -> dates -> explorer, and back again.
import {Box, Text, useApp, useInput, useStdout} from 'ink';
import {DateTime} from 'luxon';
import {useEffect, useMemo, useRef, useState} from 'react';
import type {Credentials} from '../commands/credentials.js';
import type {GenesysClient} from '../genesys/client.js';
import {GqxError, type RetryNotice} from '../genesys/errors.js';
import {resolveRegion} from '../genesys/regions.js';
import {describeEnvironmentProxy, type NetworkSettings, resolveNetwork} from '../net/settings.js';
import type {Profile, ProfileStore} from '../profiles/store.js';
import {type DateChoice, type DateRange, resolveRange, systemTimeZone} from '../range/range.js';
import {ErrorPanel} from './components/chrome.js';
import {createSource, type ExplorerSource, RetryHub} from './explorer/source.js';
import {DatePicker} from './screens/date-picker.js';
import {Explorer} from './screens/explorer.js';
import {ProfilePicker} from './screens/profile-picker.js';
import {Wizard, type WizardValues} from './screens/wizard.js';
import {themeFor} from './theme.js';

/** What a client is made from: the credentials, and the proxy and CA settings of the profile or environment. */
export type SessionCredentials = Pick<Credentials, 'region' | 'clientId' | 'clientSecret'> & {
	network?: NetworkSettings;
};

export type ClientFactory = (
	credentials: SessionCredentials,
	onRetry: (notice: RetryNotice) => void,
) => GenesysClient | Promise<GenesysClient>;

export type AppStart = {kind: 'auto'} | {kind: 'profile'; name: string} | {kind: 'demo'; credentials: Credentials};

export type AppProps = {
	start: AppStart;
	store?: ProfileStore;
	/** Credentials from the environment or .env, when present. */
	envCredentials?: Credentials;
	cwd: string;
	env: NodeJS.ProcessEnv;
	now?: () => DateTime;
	makeClient?: ClientFactory;
};

type Session = {
	label: string;
	credentials: SessionCredentials;
	/** Saved profile behind the session, to remember its last dates. */
	profileName?: string;
	dateChoice?: DateChoice;
	timeZone: string;
	/** Made when the first request needs it (see defaultFactory). */
	client: Promise<GenesysClient>;
	hub: RetryHub;
};

type Screen =
	| {kind: 'picker'}
	| {kind: 'wizard'; editing?: Profile}
	| {kind: 'dates'}
	| {kind: 'explorer'; range: DateRange}
	| {kind: 'fatal'; error: GqxError};

// The client (got, zod) is loaded after the first frame, when a session opens.
const defaultFactory: ClientFactory = async (credentials, onRetry) =>
	new (await import('../genesys/client.js')).GenesysClient({...credentials, onRetry});

function useTerminalSize(): {width: number; height: number} {
	const {stdout} = useStdout();
	const read = () => ({width: stdout.columns || 100, height: stdout.rows || 24});
	const [size, setSize] = useState(read);
	useEffect(() => {
		const onResize = () => setSize(read());
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	});
	return size;
}

export function App({
	start,
	store,
	envCredentials,
	cwd,
	env,
	now = () => DateTime.now(),
	makeClient = defaultFactory,
}: AppProps) {
	const {exit} = useApp();
	const theme = useMemo(() => themeFor(env), [env]);
	const {width, height} = useTerminalSize();
	const [session, setSession] = useState<Session>();
	const [screen, setScreen] = useState<Screen>({kind: 'picker'});
	const [profiles, setProfiles] = useState<Profile[]>(() => store?.list() ?? []);
	const notices = useMemo(
		() =>
			(store?.notices ?? []).map(
				notice => `The profiles file could not be read (${notice.reason}); it was moved to ${notice.movedTo}.`,
			),
		[store],
	);
	const sources = useRef(new Map<string, ExplorerSource>());

	const open = (
		label: string,
		credentials: Session['credentials'],
		profile?: Partial<Pick<Profile, 'name' | 'dateChoice' | 'timeZone'>>,
	): Session => {
		const hub = new RetryHub();
		const client = Promise.resolve().then(() => makeClient(credentials, hub.emit));
		// A client that cannot be made fails the first request, in the error panel; never unhandled.
		client.catch(() => {});
		const next: Session = {
			label,
			credentials,
			profileName: profile?.name,
			dateChoice: profile?.dateChoice,
			timeZone: profile?.timeZone ?? systemTimeZone(),
			client,
			hub,
		};
		setSession(next);
		return next;
	};

	const chooseProfile = (profile: Profile) => {
		try {
			const opened = open(
				`${profile.name} (${profile.region})`,
				{
					region: resolveRegion(profile.region),
					clientId: profile.clientId,
					clientSecret: profile.clientSecret,
					network: resolveNetwork({profile, env}),
				},
				profile,
			);
			// A remembered date choice makes the next start one keypress: straight to the table.
			if (opened.dateChoice) {
				try {
					setScreen({kind: 'explorer', range: resolveRange(opened.dateChoice, opened.timeZone, now())});
					store?.touch(profile.name);
					return;
				} catch {
					// The remembered choice no longer resolves (an odd zone, say): ask.
				}
			}
			setScreen({kind: 'dates'});
		} catch (error) {
			setScreen({kind: 'fatal', error: error instanceof GqxError ? error : new GqxError(String(error))});
		}
	};

	const chooseEnvironment = () => {
		if (!envCredentials) return;
		open(`environment (${envCredentials.region.label})`, {...envCredentials, network: resolveNetwork({env})});
		setScreen({kind: 'dates'});
	};

	useEffect(() => {
		if (start.kind === 'demo') {
			open(
				`demo (${start.credentials.region.label})`,
				{...start.credentials, network: resolveNetwork({env, demo: true})},
				{dateChoice: {preset: 'last-7-days'}},
			);
			setScreen({kind: 'dates'});
		} else if (start.kind === 'profile') {
			const profile = store?.get(start.name);
			if (profile) chooseProfile(profile);
			else
				setScreen({
					kind: 'fatal',
					error: new GqxError(
						`No saved profile named "${start.name}".`,
						profiles.length > 0
							? `Saved profiles: ${profiles.map(each => each.name).join(', ')}.`
							: 'Run gqx without --profile to set one up.',
					),
				});
		} else if (profiles.length === 0 && envCredentials) {
			chooseEnvironment();
		} else if (profiles.length === 0) {
			setScreen({kind: 'wizard'});
		}
		// Runs once, on start.
	}, []);

	useInput(
		input => {
			if (input === 'q') exit();
		},
		{isActive: screen.kind === 'fatal'},
	);

	// Ink quits on Ctrl+C only when it arrives alone; typed right after other keys it comes in the
	// same read ("eu\u0003") and would be taken as text. Ctrl+C always quits, on every screen.
	useInput(input => {
		if (input.length > 1 && input.includes('\u0003')) exit();
	});

	const verify = async (values: WizardValues, signal: AbortSignal) => {
		const client = await makeClient(
			{
				region: resolveRegion(values.region),
				clientId: values.clientId.trim(),
				clientSecret: values.clientSecret,
				network: resolveNetwork({profile: {...values, name: values.name || 'being set up'}, env}),
			},
			() => {},
		);
		await client.verify(signal);
	};

	const saveProfile = (values: WizardValues, editing?: Profile) => {
		const profile: Profile = {
			...editing,
			name: values.name,
			region: values.region,
			clientId: values.clientId,
			clientSecret: values.clientSecret,
			proxy: values.proxy || undefined,
			proxyPassword: (values.proxy && values.proxyPassword) || undefined,
			caFile: values.caFile || undefined,
		};
		try {
			store?.save(profile, {replacing: editing?.name});
			setProfiles(store?.list() ?? [profile]);
			open(
				`${profile.name} (${profile.region})`,
				{
					region: resolveRegion(profile.region),
					clientId: profile.clientId,
					clientSecret: profile.clientSecret,
					network: resolveNetwork({profile, env}),
				},
				profile,
			);
			setScreen({kind: 'dates'});
		} catch (error) {
			setScreen({
				kind: 'fatal',
				error:
					error instanceof GqxError ? error : new GqxError(`Could not save the profile: ${(error as Error).message}`),
			});
		}
	};

	const sourceFor = (current: Session, range: DateRange): ExplorerSource => {
		const key = `${current.label}\u0000${range.start.toISO()}\u0000${range.end.toISO()}\u0000${range.timeZone}`;
		let source = sources.current.get(key);
		if (!source) {
			source = createSource(current.client, range, current.hub);
			sources.current.set(key, source);
		}
		return source;
	};

	let body;
	switch (screen.kind) {
		case 'picker':
			body = (
				<ProfilePicker
					profiles={profiles}
					environmentLabel={
						envCredentials
							? `Environment credentials (${envCredentials.source}, ${envCredentials.region.label})`
							: undefined
					}
					notices={notices}
					theme={theme}
					onQuit={exit}
					onChoose={choice => {
						if (choice.kind === 'use') chooseProfile(choice.profile);
						else if (choice.kind === 'environment') chooseEnvironment();
						else if (choice.kind === 'new') setScreen({kind: 'wizard'});
						else if (choice.kind === 'edit') setScreen({kind: 'wizard', editing: choice.profile});
						else {
							store?.delete(choice.profile.name);
							setProfiles(store?.list() ?? []);
						}
					}}
				/>
			);
			break;
		case 'wizard':
			body = (
				<Wizard
					editing={screen.editing}
					existingNames={profiles.map(profile => profile.name)}
					environmentProxy={region => {
						try {
							return describeEnvironmentProxy(env, new URL(resolveRegion(region).loginUrl));
						} catch {
							return 'as the environment says';
						}
					}}
					theme={theme}
					verify={verify}
					onSave={values => saveProfile(values, screen.editing)}
					onCancel={() => (profiles.length > 0 || envCredentials ? setScreen({kind: 'picker'}) : exit())}
				/>
			);
			break;
		case 'dates':
			body = session ? (
				<DatePicker
					initialChoice={session.dateChoice}
					timeZone={session.timeZone}
					now={now}
					theme={theme}
					onCancel={() => (start.kind === 'demo' ? exit() : setScreen({kind: 'picker'}))}
					onDone={(range, choice) => {
						setSession({...session, dateChoice: choice, timeZone: range.timeZone});
						if (session.profileName) store?.touch(session.profileName, {dateChoice: choice, timeZone: range.timeZone});
						setScreen({kind: 'explorer', range});
					}}
				/>
			) : null;
			break;
		case 'explorer':
			body = session ? (
				<Explorer
					key={`${session.label}-${screen.range.start.toISO()}-${screen.range.end.toISO()}-${screen.range.timeZone}`}
					profileLabel={session.label}
					range={screen.range}
					source={sourceFor(session, screen.range)}
					width={width}
					height={height}
					theme={theme}
					cwd={cwd}
					onDates={() => setScreen({kind: 'dates'})}
					onProfile={() => (start.kind === 'demo' ? undefined : setScreen({kind: 'picker'}))}
					onQuit={exit}
				/>
			) : null;
			break;
		case 'fatal':
			body = (
				<Box flexDirection="column">
					<ErrorPanel error={screen.error} theme={theme} />
					<Text>Press q to quit.</Text>
				</Box>
			);
			break;
	}
	return (
		<Box flexDirection="column" width={width}>
			{body}
		</Box>
	);
}
