// Set-up of a profile: region -> client id -> secret (masked) -> verify by logging in -> name -> save.
// A failed login sends the user back to the field at fault with everything typed kept. Proxy and CA
// file are an optional step (Tab), opened by itself when the proxy or TLS is what failed.
import {Box, Text, useInput} from 'ink';
import Spinner from 'ink-spinner';
import {useState} from 'react';
import {TextField} from '../components/text-field.js';
import {asGqxError, AuthError, NetworkError, ProxyAuthError, ProxyError, TlsError} from '../../errors.js';
import {regionFromAddress, regions, resolveRegion} from '../../genesys/regions.js';
import type {Profile} from '../../profiles/store.js';
import {FilterList, type ListItem} from '../components/filter-list.js';
import {terminalText} from '../../text/sanitize.js';
import {hintLine} from '../keymap.js';
import {useTheme} from '../theme-context.js';
import {checkNetworkValues, concealProxyPassword, NetworkStep, type NetworkValues} from './network-step.js';

export type WizardValues = {region: string; clientId: string; clientSecret: string; name: string} & NetworkValues;

type Step = 'region' | 'custom-url' | 'client-id' | 'secret' | 'network' | 'verify' | 'name';

type Props = {
	editing?: Profile;
	existingNames: readonly string[];
	/** What the environment says of a region's connection, shown as what an empty proxy field means. */
	environmentProxy?: (region: string) => string;
	verify: (values: WizardValues, signal: AbortSignal) => Promise<void>;
	onSave: (values: WizardValues) => void;
	onCancel: () => void;
};

const customValue = '__custom__';

/** A pasted base URL is taken as it is; a domain or web address of a region picks that region. */
function addressItem(query: string): ListItem<string> | undefined {
	const found = regionFromAddress(query);
	if (!found) return undefined;
	if ('region' in found) return regionItems.find(item => item.value === found.region);
	return {label: found.baseUrl, value: found.baseUrl, hint: 'custom base URL (Enter to use it)'};
}

/** Why an address typed in the region search is not taken (plain http to another machine, say). */
function refusedAddress(query: string): string | undefined {
	if (!/^[a-z][a-z\d+.-]*:\/\//i.test(query.trim())) return undefined;
	try {
		resolveRegion(query);
		return undefined;
	} catch (error) {
		const failure = asGqxError(error);
		return `${failure.message} ${failure.hint}`;
	}
}

const regionItems: Array<ListItem<string>> = [
	...regions.map(region => ({
		label: region.id,
		value: region.id,
		hint: `${region.location} · ${region.domain}`,
		keywords: region.names,
	})),
	{label: 'Custom base URL…', value: customValue, hint: 'a gateway or the gqx emulator'},
];

function Field({
	label,
	value,
	onChange,
	onSubmit,
	mask,
	placeholder,
}: {
	label: string;
	value: string;
	onChange: (text: string) => void;
	onSubmit: (text: string) => void;
	mask?: string;
	placeholder?: string;
}) {
	return (
		<Box>
			<Text bold>{label}: </Text>
			<TextField value={value} onChange={onChange} onSubmit={onSubmit} mask={mask} placeholder={placeholder} />
		</Box>
	);
}

export function Wizard({editing, existingNames, environmentProxy, verify, onSave, onCancel}: Props) {
	const theme = useTheme();
	const [step, setStep] = useState<Step>('region');
	const [values, setValues] = useState<WizardValues>({
		region: editing?.region ?? '',
		clientId: editing?.clientId ?? '',
		clientSecret: editing?.clientSecret ?? '',
		name: editing?.name ?? '',
		proxy: editing?.proxy ?? '',
		proxyPassword: editing?.proxyPassword ?? '',
		caFile: editing?.caFile ?? '',
	});
	const [problem, setProblem] = useState<{message: string; hint?: string}>();
	// Shown in the empty name field: typing replaces it, Enter on the empty field takes it.
	const [suggestedName, setSuggestedName] = useState('');
	const [controller, setController] = useState<AbortController>();

	const set = (field: keyof WizardValues) => (text: string) => {
		setValues(previous => ({...previous, [field]: text}));
		setProblem(undefined);
	};
	const back: Partial<Record<Step, Step>> = {
		'custom-url': 'region',
		'client-id': 'region',
		secret: 'client-id',
		network: 'secret',
		name: 'secret',
	};

	useInput(
		(_input, key) => {
			if (key.tab && (step === 'client-id' || step === 'secret')) {
				setStep('network');
				return;
			}
			if (!key.escape) return;
			if (step === 'verify') {
				controller?.abort();
				setStep('secret');
				return;
			}
			const previous = back[step];
			if (previous) setStep(previous);
			else onCancel();
		},
		{isActive: step !== 'region'},
	);

	const runVerify = async (current: WizardValues) => {
		try {
			// A saved CA file may have gone since: say so on the step that holds it.
			checkNetworkValues(current);
		} catch (error) {
			const failure = asGqxError(error);
			setProblem({message: failure.message, hint: failure.hint});
			setStep('network');
			return;
		}
		const own = new AbortController();
		setController(own);
		setStep('verify');
		setProblem(undefined);
		try {
			await verify(current, own.signal);
			if (own.signal.aborted) return;
			setSuggestedName(suggestName(current.region, existingNames));
			setStep('name');
		} catch (error) {
			if (own.signal.aborted) return;
			const failure = asGqxError(error);
			setProblem({message: failure.message, hint: failure.hint});
			// Back to the field most likely at fault, with every value kept.
			if (failure instanceof ProxyAuthError || failure instanceof ProxyError || failure instanceof TlsError)
				setStep('network');
			else if (failure instanceof AuthError) setStep(/client id/.test(failure.message) ? 'client-id' : 'secret');
			else if (failure instanceof NetworkError) setStep(values.region.includes('://') ? 'custom-url' : 'region');
			else setStep('secret');
		}
	};

	const required = (text: string, what: string, next: () => void) => {
		if (text.trim() === '') setProblem({message: `The ${what} cannot be empty.`});
		else next();
	};

	let body;
	switch (step) {
		case 'region':
			body = (
				<>
					<Text>Region of your Genesys Cloud organization (the part after apps. in its web address):</Text>
					<FilterList
						items={regionItems}
						limit={8}
						// The profile's own region first, a custom base URL too: Enter keeps it.
						initialQuery={editing?.region ?? ''}
						placeholder="type a city, country or region name, or paste an address"
						onCancel={onCancel}
						direct={addressItem}
						whyNone={refusedAddress}
						onSelect={item => {
							if (item.value === customValue) {
								setStep('custom-url');
							} else {
								set('region')(item.value);
								setStep('client-id');
							}
						}}
					/>
				</>
			);
			break;
		case 'custom-url':
			body = (
				<Field
					label="Base URL"
					value={values.region}
					onChange={set('region')}
					placeholder="https://gateway.example.com or http://127.0.0.1:8080"
					onSubmit={text => {
						try {
							resolveRegion(text);
							setStep('client-id');
						} catch (error) {
							const failure = asGqxError(error);
							setProblem({message: failure.message, hint: failure.hint});
						}
					}}
				/>
			);
			break;
		case 'client-id':
			body = (
				<Field
					label="Client id"
					value={values.clientId}
					onChange={set('clientId')}
					onSubmit={text => required(text, 'client id', () => setStep('secret'))}
					placeholder="OAuth client (Client Credentials grant)"
				/>
			);
			break;
		case 'secret':
			body = (
				<Field
					label="Client secret"
					value={values.clientSecret}
					onChange={set('clientSecret')}
					mask="*"
					onSubmit={text => required(text, 'client secret', () => void runVerify({...values, clientSecret: text}))}
				/>
			);
			break;
		case 'network':
			body = (
				<NetworkStep
					values={values}
					environmentProxy={environmentProxy?.(values.region) ?? 'a direct connection'}
					onChange={network => setValues(previous => ({...previous, ...network}))}
					onProblem={setProblem}
					onSubmit={network => {
						const current = {...values, ...network};
						setValues(current);
						if (current.clientId.trim() === '') setStep('client-id');
						else if (current.clientSecret === '') setStep('secret');
						else void runVerify(current);
					}}
				/>
			);
			break;
		case 'verify':
			body = (
				<Text color={theme.accent}>
					<Spinner type="dots" /> Logging in to {values.region}…
				</Text>
			);
			break;
		case 'name':
			body = (
				<>
					<Text color={theme.accent}>✓ Logged in.</Text>
					<Field
						label="Profile name"
						value={values.name}
						onChange={set('name')}
						placeholder={suggestedName}
						onSubmit={text => {
							const name = text.trim() || suggestedName;
							if (!name) setProblem({message: 'The profile name cannot be empty.'});
							else if (name !== editing?.name && existingNames.includes(name))
								setProblem({
									message: `A profile named "${name}" exists already.`,
									hint: 'Pick another name, or edit that profile from the list.',
								});
							else onSave({...values, name, clientId: values.clientId.trim(), region: values.region.trim()});
						}}
					/>
				</>
			);
			break;
	}
	const done =
		['region', 'client-id', 'secret', 'name'].indexOf(
			step === 'custom-url' ? 'region' : step === 'verify' || step === 'network' ? 'secret' : step,
		) + 1;
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1}>
			<Text bold>
				{editing ? `Edit profile ${editing.name}` : 'New profile'} · step {done} of 4
			</Text>
			{values.region && step !== 'region' && step !== 'custom-url' ? (
				<Text dimColor={theme.dim}>Region: {values.region}</Text>
			) : null}
			{values.clientId && (step === 'secret' || step === 'verify' || step === 'name') ? (
				<Text dimColor={theme.dim}>Client id: {values.clientId}</Text>
			) : null}
			{values.proxy && (step === 'secret' || step === 'verify' || step === 'name') ? (
				<Text dimColor={theme.dim}>
					Proxy: {concealProxyPassword(values.proxy)}
					{values.caFile ? ` · CA file: ${values.caFile}` : ''}
				</Text>
			) : null}
			{body}
			{problem ? (
				<Box flexDirection="column">
					<Text color={theme.error}>✗ {terminalText(problem.message)}</Text>
					{problem.hint ? <Text>{terminalText(problem.hint)}</Text> : null}
				</Box>
			) : null}
			<Text dimColor={theme.dim}>
				{hintLine('wizard')}
				{step === 'client-id' || step === 'secret' ? ' · Tab proxy or CA file (optional)' : ''}
			</Text>
		</Box>
	);
}

function suggestName(region: string, existing: readonly string[]): string {
	const base = region.includes('://') ? 'custom' : region;
	if (!existing.includes(base)) return base;
	for (let index = 2; ; index++) if (!existing.includes(`${base}-${index}`)) return `${base}-${index}`;
}
