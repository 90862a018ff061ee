import { useCallback, useState } from 'react';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useSession } from '../api/session';
import { areasFor } from './nav';
import { NotificationBell } from './NotificationBell';
import { LanguageSwitch } from './LanguageSwitch';
import { useIdleLock } from './useIdleLock';
import { signOut } from './sign-out';

const WIDTH = 220;

/** The frame around every signed-in screen: areas by permission, the bell, language, account, sign-out. */
export function Shell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user, idleTimeoutSeconds } = useSession();
  const path = useRouterState({ select: (s) => s.location.pathname });
  const wide = useMediaQuery('(min-width: 900px)');
  const [open, setOpen] = useState(false);
  const onIdle = useCallback(() => void signOut(navigate, 'signIn.idle'), [navigate]);
  useIdleLock(idleTimeoutSeconds, onIdle);
  if (!user) return null;
  const areas = areasFor(user.permissions);
  const nav = (
    <Box component="nav" aria-label={t('nav.label')} sx={{ width: WIDTH }}>
      <Toolbar />
      <List>
        {areas.map((a) => {
          const current = a.to === '/' ? path === '/' : path.startsWith(a.to);
          return (
            <ListItem key={a.to} disablePadding>
              <ListItemButton
                component={Link}
                to={a.to}
                selected={current}
                aria-current={current ? 'page' : undefined}
                onClick={() => setOpen(false)}
              >
                <ListItemText primary={t(a.label)} />
              </ListItemButton>
            </ListItem>
          );
        })}
      </List>
    </Box>
  );
  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <a href="#main" className="skip-link">
        {t('app.skip')}
      </a>
      <AppBar position="fixed" sx={{ zIndex: (th) => th.zIndex.drawer + 1 }}>
        <Toolbar sx={{ gap: 1 }}>
          {!wide && (
            <IconButton color="inherit" aria-label={t('shell.menu')} onClick={() => setOpen(true)}>
              ☰
            </IconButton>
          )}
          <Typography variant="h6" component="p" sx={{ flexGrow: 1 }}>
            {t('app.title')}
          </Typography>
          {/* Notifications are about referrals: only those who may read them ask (a refused call is an audited denial). */}
          {user.permissions.includes('REFERRAL_READ') && <NotificationBell />}
          <Box sx={{ bgcolor: 'background.paper', borderRadius: 1, px: 1, py: 0.5 }}>
            <LanguageSwitch />
          </Box>
          <Button color="inherit" component={Link} to="/account" aria-label={t('shell.signedInAs', { name: user.displayName })}>
            {user.displayName}
          </Button>
          <Button color="inherit" onClick={() => void signOut(navigate)}>
            {t('shell.signOut')}
          </Button>
        </Toolbar>
      </AppBar>
      {wide ? (
        <Drawer variant="permanent" sx={{ width: WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: WIDTH } }}>
          {nav}
        </Drawer>
      ) : (
        <Drawer open={open} onClose={() => setOpen(false)}>
          {nav}
        </Drawer>
      )}
      <Box component="main" id="main" tabIndex={-1} sx={{ flexGrow: 1, p: 3, minWidth: 0 }}>
        <Toolbar />
        <Outlet />
      </Box>
    </Box>
  );
}
