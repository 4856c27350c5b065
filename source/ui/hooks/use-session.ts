// The open session: the one place credentials are made (from a profile, the wizard, the environment or the demo),
// with the client made from them, its retry hub, and the level sources of the session's recent ranges.
import {useCallback, useMemo, useRef, useState} from 'react';
import type {Credentials} from '../../credentials/resolve.js';
import type {RetryNotice} from '../../errors.js';
import type {GenesysClient} from '../../genesys/client.js';
import {resolveRegion} from '../../genesys/regions.js';
import {
	createLevelSource,
	type LevelSource,
	rangeKey,
	rangesKept,
	RetryHub,
	type SourceSettings,
} from '../../levels/source.js';
import {RecentCache} from '../../levels/recent-cache.js';
import {type NetworkSettings, type ProfileNetwork, resolveNetwork} from '../../net/settings.js';
import type {Profile} from '../../profiles/store.js';
import {type DateChoice, type DateRange, systemTimeZone} from '../../range/range.js';
import type {SavedViews} from '../explorer/state.js';
import type {WizardValues} from '../screens/wizard.js';

/** What a client is made from: the credentials, and the proxy and CA settings of the profile or environment. */
export type SessionCredentials = Pick<Credentials, 'region' | 'clientId' | 'clientSecret'> & {
	network?: NetworkSettings;
};

export type ClientFactory = (
	credentials: SessionCredentials,
	onRetry: (notice: RetryNotice) => void,
) => GenesysClient | Promise<GenesysClient>;

export type Session = {
	label: string;
	credentials: SessionCredentials;
	/** Saved profile behind the session, to remember its last dates. */
	profileName?: string;
	dateChoice?: DateChoice;
	timeZone: string;
	/** Made when the first request needs it (see defaultFactory). */
	client: Promise<GenesysClient>;
	hub: RetryHub;
	/** Columns and sorts chosen in a session without a profile. */
	views?: SavedViews;
	/** Where the wait bands end: `--bands`, else the profile's (checked); the default bands when absent. */
	bandEdges?: readonly number[];
};

/** A profile as it logs in: saved (its secret read), being saved, or typed in the wizard. */
export type ProfileLogin = ProfileNetwork & {region: string; clientId: string; clientSecret: string};

/** The credentials of a profile: its region, client and secret, through its proxy and CA (else the environment's). */
export function profileCredentials(profile: ProfileLogin, env: NodeJS.ProcessEnv): SessionCredentials {
	return {
		region: resolveRegion(profile.region),
		clientId: profile.clientId,
		clientSecret: profile.clientSecret,
		network: resolveNetwork({profile, env}),
	};
}

// The client (got, zod) is loaded after the first frame, when a session opens.
const defaultFactory: ClientFactory = async (credentials, onRetry) =>
	new (await import('../../genesys/client.js')).GenesysClient({...credentials, onRetry});

export function useSession(
	env: NodeJS.ProcessEnv,
	makeClient: ClientFactory = defaultFactory,
	settings: SourceSettings = {},
) {
	const [session, setSession] = useState<Session>();
	// The sources of the last few ranges: coming back to one is instant, and memory stays bounded.
	const sources = useRef(new RecentCache<string, LevelSource>(rangesKept));

	const open = (
		label: string,
		credentials: SessionCredentials,
		profile?: Partial<Pick<Profile, 'name' | 'dateChoice' | 'timeZone'> & Pick<Session, 'bandEdges'>>,
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
			...(profile?.bandEdges ? {bandEdges: profile.bandEdges} : {}),
		};
		setSession(next);
		return next;
	};

	/** The session's dates or views, as the user changes them; one function for the session's life (a dependency). */
	const update = useCallback(
		(change: Partial<Pick<Session, 'dateChoice' | 'timeZone' | 'views'>>) =>
			setSession(current => (current ? {...current, ...change} : current)),
		[],
	);

	// The source of a range of this session (the explorer's, and the comparison period's for `c`).
	const sourceFor = useMemo(
		() =>
			session
				? (range: DateRange): LevelSource =>
						sources.current.getOrCreate(rangeKey(session.label, range), () =>
							createLevelSource(session.client, range, session.hub, settings),
						)
				: undefined,
		// The settings are the command line's: fixed for the app's life.
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[session],
	);

	return {
		session,
		sourceFor,
		update,
		/** Throws when the profile's region, proxy or CA file cannot be used. */
		openProfile: (
			profile: ProfileLogin & Partial<Pick<Profile, 'dateChoice' | 'timeZone'> & Pick<Session, 'bandEdges'>>,
		) => open(`${profile.name} (${profile.region})`, profileCredentials(profile, env), profile),
		/** Credentials from the environment or .env; the demo's never go through a proxy. */
		openEnvironment: (
			credentials: Credentials,
			{demo = false, bandEdges}: Pick<Session, 'bandEdges'> & {demo?: boolean} = {},
		) =>
			demo
				? open(
						`demo (${credentials.region.label})`,
						{...credentials, network: resolveNetwork({env, demo: true})},
						{dateChoice: {preset: 'last-7-days'}, bandEdges},
					)
				: open(
						`environment (${credentials.region.label})`,
						{...credentials, network: resolveNetwork({env})},
						{bandEdges},
					),
		/** Logs in with what the wizard holds, before it is saved. */
		verify: async (values: WizardValues, signal: AbortSignal) => {
			// A profile not named yet: its proxy's messages still need a name.
			const profile = {...values, name: values.name || 'being set up', clientId: values.clientId.trim()};
			const client = await makeClient(profileCredentials(profile, env), () => {});
			await client.verify(signal);
		},
	};
}
