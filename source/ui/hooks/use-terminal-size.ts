// The terminal's size, updated on resize (one listener for the component's life).
import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

type Size = {width: number; height: number};

function sizeOf(stdout: NodeJS.WriteStream): Size {
	return {width: stdout.columns || 100, height: stdout.rows || 24};
}

export function useTerminalSize(): Size {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => sizeOf(stdout));
	useEffect(() => {
		const onResize = () => setSize(sizeOf(stdout));
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}
