// The emulator's members of a queue with their states at a moment: what people now should list (the emulator's own
// model, not the code under test).
import {agentStatesOf, currentMembers, type AgentState} from '../../source/emulator/agent-states.js';
import type {EmulatedQueue} from '../../source/emulator/org.js';
import {peopleOf} from '../../source/emulator/people.js';
import type {Emulator} from '../../source/emulator/server.js';

export function membersAt(
	emu: Emulator,
	queue: EmulatedQueue,
	atMs: number,
): Array<{name: string; id: string; state: AgentState}> {
	const states = agentStatesOf(emu.org, emu.model);
	const people = peopleOf(emu.org);
	return currentMembers(emu.org, queue).map(index => ({
		name: people.users[index]!.name,
		id: people.users[index]!.id,
		state: states.at(index, atMs),
	}));
}
