// The profile picker: last used first, plus new, edit and delete (with a confirmation).
import {Box, Text, useInput} from 'ink';
import SelectInput from 'ink-select-input';
import {useRef, useState} from 'react';
import type {Profile} from '../../profiles/store.js';
import {actionFor, hintLine} from '../keymap.js';
import {useTheme} from '../theme-context.js';

export type PickerChoice =
	| {kind: 'use'; profile: Profile}
	| {kind: 'environment'}
	| {kind: 'new'}
	| {kind: 'edit'; profile: Profile}
	| {kind: 'delete'; profile: Profile};

type Props = {
	profiles: readonly Profile[];
	environmentLabel?: string;
	notices: readonly string[];
	/** The profile the cursor starts on (the one just edited, or the session's after `p`). */
	selected?: string;
	onChoose: (choice: PickerChoice) => void;
	onQuit: () => void;
	/** Esc: back where the picker was opened from (the table after `p`), or out at the start. */
	onBack: () => void;
};

type Value = {kind: 'profile'; profile: Profile} | {kind: 'environment'} | {kind: 'new'};

function lastUsed(profile: Profile): string {
	return profile.lastUsedAt ? `last used ${profile.lastUsedAt.slice(0, 16).replace('T', ' ')}` : 'never used';
}

export function ProfilePicker({profiles, environmentLabel, notices, selected, onChoose, onQuit, onBack}: Props) {
	const theme = useTheme();
	const items: Array<{key: string; label: string; value: Value}> = [
		...profiles.map(profile => ({
			key: `p-${profile.name}`,
			label: `${profile.name}  ·  ${profile.region}  ·  ${lastUsed(profile)}`,
			value: {kind: 'profile', profile} as Value,
		})),
		...(environmentLabel ? [{key: 'env', label: environmentLabel, value: {kind: 'environment'} as Value}] : []),
		{key: 'new', label: '+ New profile', value: {kind: 'new'}},
	];
	const [highlighted, setHighlighted] = useState<Value | undefined>(
		() =>
			items.find(item => item.value.kind === 'profile' && item.value.profile.name === selected)?.value ??
			items[0]?.value,
	);
	// The list is drawn anew after a question (delete?) and a return from the wizard: on the same item, so a
	// following x or e acts on the profile the cursor was on.
	const highlightedIndex = Math.max(
		0,
		items.findIndex(item =>
			highlighted?.kind === 'profile'
				? item.value.kind === 'profile' && item.value.profile.name === highlighted.profile.name
				: item.value.kind === highlighted?.kind,
		),
	);
	const [confirming, setConfirmingState] = useState<Profile>();
	// Read by the input handler: a key right after x (or n) comes before the re-render that shows the question.
	const confirmingNow = useRef<Profile>(undefined);
	const setConfirming = (profile: Profile | undefined) => {
		confirmingNow.current = profile;
		setConfirmingState(profile);
	};

	useInput((input, key) => {
		const asked = confirmingNow.current;
		if (asked) {
			if (input === 'y') {
				onChoose({kind: 'delete', profile: asked});
				setConfirming(undefined);
			} else if (input === 'n' || key.escape) setConfirming(undefined);
			return;
		}
		const action = actionFor('picker', input, key);
		if (action === 'quit') onQuit();
		else if (action === 'previous') onBack();
		else if (action === 'new') onChoose({kind: 'new'});
		else if (highlighted?.kind === 'profile' && action === 'edit')
			onChoose({kind: 'edit', profile: highlighted.profile});
		else if (highlighted?.kind === 'profile' && action === 'delete') setConfirming(highlighted.profile);
	});

	return (
		<Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1}>
			<Text bold>Profiles</Text>
			{notices.map(notice => (
				<Text key={notice} color={theme.warning}>
					{notice}
				</Text>
			))}
			{confirming ? (
				<Text color={theme.warning}>Delete profile {confirming.name}? Its saved secret goes too. y / n</Text>
			) : (
				<SelectInput
					items={items}
					initialIndex={highlightedIndex}
					onHighlight={item => setHighlighted(item.value)}
					onSelect={item => {
						if (item.value.kind === 'profile') onChoose({kind: 'use', profile: item.value.profile});
						else onChoose(item.value.kind === 'environment' ? {kind: 'environment'} : {kind: 'new'});
					}}
				/>
			)}
			<Text dimColor={theme.dim}>{hintLine('picker')}</Text>
		</Box>
	);
}
