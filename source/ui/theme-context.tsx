// The app's colours through React context (as Ink shares stdout): components ask with useTheme(), none passes them.
import {createContext, type ReactNode, useContext} from 'react';
import {plainTheme, type Theme} from './theme.js';

// Without a provider (a component rendered on its own, as in a test) there is no colour, as under NO_COLOR.
const ThemeContext = createContext<Theme>(plainTheme);

export function ThemeProvider({theme, children}: {theme: Theme; children: ReactNode}) {
	return <ThemeContext value={theme}>{children}</ThemeContext>;
}

export function useTheme(): Theme {
	return useContext(ThemeContext);
}
