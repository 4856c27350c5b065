// Colours, or none when NO_COLOR is set: emphasis then comes from inverse and bold only.

export type Theme = {
	accent: string | undefined;
	error: string | undefined;
	warning: string | undefined;
	dim: boolean;
	/** A change for the better or the worse (comparison); the arrows ▲/▼ say it without colour too. */
	better: string | undefined;
	worse: string | undefined;
};

/** No colour and no dimming: NO_COLOR's theme. */
export const plainTheme: Theme = {
	accent: undefined,
	error: undefined,
	warning: undefined,
	dim: false,
	better: undefined,
	worse: undefined,
};

export function themeFor(env: NodeJS.ProcessEnv): Theme {
	const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
	return noColor
		? plainTheme
		: {accent: 'cyan', error: 'red', warning: 'yellow', dim: true, better: 'green', worse: 'red'};
}
