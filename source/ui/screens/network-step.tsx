// The wizard's optional network step: a proxy (its password masked, like the secret) and a company CA file.
import {Box, Text, useInput} from 'ink';
import {useState} from 'react';
import {GqxError} from '../../errors.js';
import {checkCaFile, parseProxyUrl, splitProxyPassword} from '../../net/settings.js';
import {TextField} from '../components/text-field.js';
import {useTheme} from '../theme-context.js';

export type NetworkValues = {proxy: string; proxyPassword: string; caFile: string};

type Props = {
	values: NetworkValues;
	/** What an empty proxy field means: `http://host:port (HTTPS_PROXY)`, or a direct connection. */
	environmentProxy: string;
	onChange: (values: NetworkValues) => void;
	onProblem: (problem: {message: string; hint?: string} | undefined) => void;
	/** Called with checked values: a password typed into the URL is moved to the password field. */
	onSubmit: (values: NetworkValues) => void;
};

const fields = ['proxy', 'proxyPassword', 'caFile'] as const;

/** A proxy URL as typed, its password (if any) drawn as stars of the same length. */
export function concealProxyPassword(text: string): string {
	return text.replace(
		/^((?:[a-z][a-z\d+.-]*:\/\/)?[^:/@]*:)([^@/]*)@/i,
		(_match, before: string, password: string) => `${before}${'*'.repeat(password.length)}@`,
	);
}

/** Checks the fields; throws the usage error of the first that is wrong. */
export function checkNetworkValues(values: NetworkValues): NetworkValues {
	const proxyText = values.proxy.trim();
	const caFile = values.caFile.trim();
	let next: NetworkValues = {...values, proxy: proxyText, caFile};
	if (proxyText) {
		const {proxy, proxyPassword} = splitProxyPassword(parseProxyUrl(proxyText, 'the Proxy field'));
		next = {...next, proxy, proxyPassword: proxyPassword ?? values.proxyPassword};
	} else {
		next = {...next, proxyPassword: ''};
	}
	if (caFile) checkCaFile(caFile, 'the CA file field');
	return next;
}

export function NetworkStep({values, environmentProxy, onChange, onProblem, onSubmit}: Props) {
	const theme = useTheme();
	const [focus, setFocus] = useState(0);
	const move = (by: number) => setFocus(current => (current + by + fields.length) % fields.length);

	useInput((_input, key) => {
		if (key.downArrow || (key.tab && !key.shift)) move(1);
		else if (key.upArrow || (key.tab && key.shift)) move(-1);
	});

	const set = (field: (typeof fields)[number]) => (text: string) => {
		onChange({...values, [field]: text});
		onProblem(undefined);
	};
	const submit = (latest: NetworkValues) => {
		try {
			onSubmit(checkNetworkValues(latest));
		} catch (error) {
			const failure = error instanceof GqxError ? error : new GqxError(String(error));
			onProblem({message: failure.message, hint: failure.hint});
			setFocus(/CA file/.test(failure.message) ? 2 : 0);
		}
	};
	// By the field that took Enter: until the focus change is drawn, Ink still hands keys to the
	// field that had it. The text comes with Enter: a paste ending in a line break is not in `values` yet.
	const next = (field: (typeof fields)[number], text: string) => {
		const index = fields.indexOf(field);
		if (index === fields.length - 1) submit({...values, [field]: text});
		else setFocus(index + 1);
	};
	const row = (
		index: number,
		label: string,
		field: (typeof fields)[number],
		placeholder: string,
		hide: {mask?: string; conceal?: (text: string) => string} = {},
	) => (
		<Box>
			<Text bold={focus === index}>
				{focus === index ? '›' : ' '} {label}:{' '}
			</Text>
			<TextField
				value={values[field]}
				onChange={set(field)}
				onSubmit={text => next(field, text)}
				mask={hide.mask}
				conceal={hide.conceal}
				placeholder={placeholder}
				focus={focus === index}
			/>
		</Box>
	);
	return (
		<>
			<Text>Network (optional): leave empty to connect as the environment says.</Text>
			{row(0, 'Proxy', 'proxy', 'http://user@proxy.example.com:8080', {conceal: concealProxyPassword})}
			{row(1, 'Proxy password', 'proxyPassword', 'only if the proxy asks for one', {mask: '*'})}
			{row(2, 'CA file', 'caFile', 'PEM file of your company CA, if it re-signs TLS')}
			<Text dimColor={theme.dim}>
				{`Empty proxy: ${environmentProxy}. ↑/↓ moves between fields; Enter on the last logs in.`}
			</Text>
		</>
	);
}
