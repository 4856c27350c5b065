// Colours, or none when NO_COLOR is set: emphasis then comes from inverse and bold only.

export type Theme = {
	accent: string | undefined;
	error: string | undefined;
	warning: string | undefined;
	dim: boolean;
};

export function themeFor(env: NodeJS.ProcessEnv): Theme {
	const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
	return noColor
		? {accent: undefined, error: undefined, warning: undefined, dim: false}
		: {accent: 'cyan', error: 'red', warning: 'yellow', dim: true};
}
