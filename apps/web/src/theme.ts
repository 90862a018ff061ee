import { createTheme } from '@mui/material/styles';

/** Calm, dense and plain; contrast checked by axe in the browser suite. */
export const theme = createTheme({
  palette: { mode: 'light', primary: { main: '#1d4f7a' }, secondary: { main: '#6b4e16' }, background: { default: '#f6f7f9' } },
  typography: {
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    fontSize: 14,
    h1: { fontSize: '1.6rem', fontWeight: 600 },
    h2: { fontSize: '1.25rem', fontWeight: 600 },
    h3: { fontSize: '1.05rem', fontWeight: 600 },
  },
  components: { MuiButton: { defaultProps: { disableElevation: true } }, MuiTextField: { defaultProps: { size: 'small' } } },
});
