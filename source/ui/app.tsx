// The interactive app: profile picker or set-up wizard -> dates -> explorer, and back again.
import {profileBandEdges} from '../metrics/bands.js';
import {Box, Text, useApp} from 'ink';
import {DateTime} from 'luxon';
import {useCallback, useEffect, useMemo, useReducer, useState} from 'react';
import type {Credentials} from '../credentials/resolve.js';
import {asGqxError, GqxError} from '../errors.js';
import {resolveRegion} from '../genesys/regions.js';
import type {SecretStore} from '../credentials/secret-store.js';
import {describeEnvironmentProxy} from '../net/settings.js';
import type {Profile} from '../profiles/store.js';
import type {Screen} from './app-state.js';
import type {SavedViews} from './explorer/state.js';
import {resolveRange, type WeekStart} from '../range/range.js';
import {ErrorPanel} from './components/error-panel.js';
import {appReducer, initialApp} from './app-state.js';
import {DatePicker} from './screens/date-picker.js';
import {includesToday, type LiveMode} from '../levels/live.js';
import {Explorer} from './screens/explorer.js';
import {ProfilePicker} from './screens/profile-picker.js';
import {Wizard, type WizardValues} from './screens/wizard.js';
import {type ClientFactory, useSession} from './hooks/use-session.js';
import {useAppInput} from './hooks/use-app-input.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {themeFor} from './theme.js';
import {ThemeProvider} from './theme-context.js';
import {terminalText} from '../text/sanitize.js';

export type {ClientFactory, SessionCredentials} from './hooks/use-session.js';

export type AppStart = {kind: 'auto'} | {kind: 'profile'; name: string} | {kind: 'demo'; credentials: Credentials};

export type AppProps = {
	start: AppStart;
	/** Saved profiles and their secrets, wherever each is kept (keychain or file); absent in the demo. */
	secrets?: SecretStore;
	/** Credentials from the environment or .env, when present. */
	envCredentials?: Credentials;
	cwd: string;
	env: NodeJS.ProcessEnv;
	now?: () => DateTime;
	makeClient?: ClientFactory;
	/** How often live columns refresh (`--refresh SECONDS`), in ms. */
	liveRefreshMs?: number;
	/** `--live push|poll|auto`: how live values come (auto: push, polling when push cannot be used). */
	liveMode?: LiveMode;
	/** How often the day's aggregates refresh while live, in ms (a minute; tests ask less). */
	liveTotalsRefreshMs?: number;
	/** Customer addresses of conversations as they are (`--reveal-addresses`); masked otherwise. */
	revealAddresses?: boolean;
	/** `--week-start`: the day weeks start on, over the profile's (Monday when neither says). */
	weekStart?: WeekStart;
	/** `--bands`: where the wait bands end, over the profile's (the default bands when neither says). */
	bands?: readonly number[];
};

export function App({
	start,
	secrets,
	envCredentials,
	cwd,
	env,
	now = () => DateTime.now(),
	makeClient,
	liveRefreshMs,
	liveMode,
	liveTotalsRefreshMs,
	revealAddresses = false,
	weekStart: weekStartFlag,
	bands: bandsFlag,
}: AppProps) {
	const {exit} = useApp();
	const theme = useMemo(() => themeFor(env), [env]);
	const {width, height} = useTerminalSize();
	const {session, sourceFor, update, openProfile, openEnvironment, verify} = useSession(env, makeClient, {
		revealAddresses,
		now: () => now().toMillis(),
	});
	const store = secrets?.profiles;
	// One message for the screen it was made for: where a saved secret went, or why a profile could not open.
	const [notice, setNotice] = useState<{text: string; screen: Screen}>();
	const show = (next: Screen, text?: string) => {
		setScreen(next);
		setNotice(text === undefined ? undefined : {text, screen: next});
	};
	const problemText = (error: unknown) => {
		// Cleaned once here: the message may quote a login server.
		if (!(error instanceof GqxError)) return terminalText(String(error));
		// On the picker the way back is right here. (By name: importing the class would load the file's schemas.)
		if (error.name === 'MissingSecretError')
			return `${terminalText(error.message)} Press e on it to enter the secret again.`;
		return terminalText(`${error.message} ${error.hint}`);
	};
	const [profiles, setProfiles] = useState<Profile[]>(() => store?.list() ?? []);
	const [app, dispatch] = useReducer(appReducer, undefined, () =>
		initialApp({demo: start.kind === 'demo', canPick: profiles.length > 0 || Boolean(envCredentials)}),
	);
	const {screen} = app;
	const setScreen = (next: Screen) => dispatch({type: 'show', screen: next});
	useEffect(() => {
		if (app.quit) exit();
	}, [app.quit, exit]);
	useEffect(() => {
		dispatch({type: 'profiles-changed', canPick: profiles.length > 0 || Boolean(envCredentials)});
	}, [profiles, envCredentials]);
	const notices = useMemo(
		() => [
			...(store?.warnings ?? []),
			...(store?.notices ?? []).map(
				notice => `The profiles file could not be read (${notice.reason}); it was moved to ${notice.movedTo}.`,
			),
		],
		[store],
	);
	/** The bands to open a profile with; hand-edited ones that are no bands are said on the picker (null), with how to set them again. */
	const bandsOf = (profile: Profile): readonly number[] | undefined | null => {
		try {
			return bandsFlag ?? profileBandEdges(profile);
		} catch (error) {
			show({kind: 'picker'}, problemText(error));
			return null;
		}
	};

	const chooseProfile = async (profile: Profile) => {
		if (!secrets) return;
		let withSecret: Awaited<ReturnType<SecretStore['withSecret']>>;
		try {
			// The proxy password too, from the keychain for a keychain profile.
			withSecret = await secrets.withSecret(profile);
		} catch (error) {
			// A secret gone from the keychain (or a locked one) is said on the picker, where e re-enters it.
			show({kind: 'picker'}, problemText(error));
			return;
		}
		const bandEdges = bandsOf(profile);
		if (bandEdges === null) return;
		try {
			const opened = openProfile({...withSecret, ...(bandEdges ? {bandEdges} : {})});
			// A remembered date choice makes the next start one keypress: straight to the table.
			if (opened.dateChoice) {
				try {
					setScreen({
						kind: 'explorer',
						range: resolveRange(
							opened.dateChoice,
							opened.timeZone,
							now(),
							undefined,
							weekStartFlag ?? profile.weekStart,
						),
					});
					store?.touch(profile.name);
					return;
				} catch {
					// The remembered choice no longer resolves (an odd zone, say): ask.
				}
			}
			setScreen({kind: 'dates'});
		} catch (error) {
			setScreen({kind: 'fatal', error: asGqxError(error)});
		}
	};

	const chooseEnvironment = () => {
		if (!envCredentials) return;
		openEnvironment(envCredentials, bandsFlag ? {bandEdges: bandsFlag} : {});
		setScreen({kind: 'dates'});
	};

	useEffect(() => {
		if (start.kind === 'demo') {
			openEnvironment(start.credentials, {demo: true, ...(bandsFlag ? {bandEdges: bandsFlag} : {})});
			setScreen({kind: 'dates'});
		} else if (start.kind === 'profile') {
			const profile = store?.get(start.name);
			if (profile) void chooseProfile(profile);
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
		// Runs once, on start: the props of the first render say where to start; later ones must not restart it.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, []);

	useAppInput(screen, exit);

	const saveProfile = async (values: WizardValues, editing?: Profile) => {
		const profile = {
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
			const saved = await secrets?.save(profile, {replacing: editing?.name});
			setProfiles(store?.list() ?? [profile]);
			// The profile is saved: bands the file had that are no bands are said on the picker, as when chosen.
			const bandEdges = bandsOf(profile);
			if (bandEdges === null) return;
			openProfile({...profile, ...(bandEdges ? {bandEdges} : {})});
			// Said once, here: where the secret went (the keychain, or the file and why).
			show({kind: 'dates'}, saved ? [saved.where, ...saved.warnings].join(' ') : undefined);
		} catch (error) {
			setScreen({
				kind: 'fatal',
				error: asGqxError(error, 'Could not save the profile'),
			});
		}
	};

	const profileName = session?.profileName;
	const saveViews = useCallback(
		(views: SavedViews) => {
			// Without a profile (demo, environment) the choice lasts the session.
			update({views});
			if (!profileName) return;
			store?.touch(profileName, {views});
			setProfiles(store?.list() ?? []);
		},
		[store, profileName, update],
	);

	const showDates = useCallback(() => dispatch({type: 'show', screen: {kind: 'dates'}}), []);
	const switchProfile = useCallback(() => dispatch({type: 'switch-profile', selected: profileName}), [profileName]);

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
					notices={notice?.screen === screen ? [...notices, notice.text] : notices}
					selected={screen.selected}
					onQuit={exit}
					onBack={() => dispatch({type: 'picker-back'})}
					onChoose={choice => {
						if (choice.kind === 'use') void chooseProfile(choice.profile);
						else if (choice.kind === 'environment') chooseEnvironment();
						else if (choice.kind === 'new') show({kind: 'wizard', from: screen});
						else if (choice.kind === 'edit') {
							const editing = choice.profile;
							// The wizard starts from the saved secret; one that cannot be read is typed again.
							secrets?.withSecret(editing).then(
								withSecret =>
									show({
										kind: 'wizard',
										from: screen,
										editing: {
											...editing,
											clientSecret: withSecret.clientSecret,
											proxyPassword: withSecret.proxyPassword,
										},
									}),
								(error: unknown) =>
									show(
										{kind: 'wizard', editing, from: screen},
										terminalText(error instanceof GqxError ? error.message : String(error)),
									),
							);
						} else {
							void secrets?.delete(choice.profile.name).then(
								({warnings}) => {
									setProfiles(store?.list() ?? []);
									show({...screen, selected: undefined}, warnings.length > 0 ? warnings.join(' ') : undefined);
								},
								(error: unknown) => show(screen, problemText(error)),
							);
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
					verify={verify}
					onSave={values => void saveProfile(values, screen.editing)}
					onCancel={() => dispatch({type: 'wizard-cancelled'})}
				/>
			);
			break;
		case 'dates':
			body = session ? (
				<DatePicker
					initialChoice={session.dateChoice}
					timeZone={session.timeZone}
					weekStart={weekStartFlag ?? profiles.find(profile => profile.name === session.profileName)?.weekStart}
					now={now}
					onCancel={() => dispatch({type: 'dates-cancelled'})}
					onDone={(range, choice) => {
						update({dateChoice: choice, timeZone: range.timeZone});
						if (session.profileName)
							// Saved as today: a profiles file that older versions of gqx can still read.
							store?.touch(session.profileName, {
								dateChoice: 'preset' in choice && choice.preset === 'live' ? {preset: 'today'} : choice,
								timeZone: range.timeZone,
							});
						setScreen({kind: 'explorer', range});
					}}
				/>
			) : null;
			break;
		case 'explorer':
			body =
				session && sourceFor ? (
					<Explorer
						key={`${session.label}-${screen.range.start.toISO()}-${screen.range.end.toISO()}-${screen.range.timeZone}`}
						profileLabel={session.label}
						range={screen.range}
						source={sourceFor(screen.range)}
						width={width}
						height={height}
						cwd={cwd}
						views={profiles.find(profile => profile.name === session.profileName)?.views ?? session.views}
						// The comparison period's source (`c`): another range's, kept among the recent ones like any.
						sourceFor={sourceFor}
						onViews={saveViews}
						onDates={showDates}
						onProfile={switchProfile}
						onQuit={exit}
						live={includesToday(screen.range, now().toMillis())}
						liveRefreshMs={liveRefreshMs}
						liveMode={liveMode}
						liveTotalsRefreshMs={liveTotalsRefreshMs}
						thresholds={profiles.find(profile => profile.name === session.profileName)?.thresholds}
						bandEdges={session.bandEdges}
					/>
				) : null;
			break;
		case 'fatal':
			body = (
				<Box flexDirection="column">
					<ErrorPanel error={screen.error} />
					<Text>Press q to quit.</Text>
				</Box>
			);
			break;
	}
	return (
		<ThemeProvider theme={theme}>
			<Box flexDirection="column" width={width}>
				{notice?.screen === screen && screen.kind !== 'picker' ? (
					<Text color={theme.warning}>{notice.text}</Text>
				) : null}
				{body}
			</Box>
		</ThemeProvider>
	);
}
