import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Badge from '@mui/material/Badge';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Popover from '@mui/material/Popover';
import Typography from '@mui/material/Typography';
import { graphql } from '../gql';
import { request } from '../api/client';

const NOTIFICATIONS = graphql(`
  query Notifications {
    notifications(unreadOnly: true, first: 20) {
      id
      title
      event
      createdAt
    }
  }
`);
const MARK_READ = graphql(`
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input)
  }
`);

/** The bell with the number of unread notifications; opening it lists them. */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const { data } = useQuery({ queryKey: ['notifications'], queryFn: () => request(NOTIFICATIONS), refetchInterval: 60_000 });
  const unread = data?.notifications ?? [];
  // Marking read closes the list, so focus goes back to the bell (the button it was on disappears).
  const mark = useMutation({
    mutationFn: () => request(MARK_READ, { input: { ids: unread.map((n) => n.id) } }),
    onSuccess: async () => {
      setAnchor(null);
      await qc.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
  const label = t('shell.notificationsUnread', { count: unread.length });
  return (
    <>
      <IconButton color="inherit" aria-label={label} onClick={(e) => setAnchor(e.currentTarget)} data-testid="bell">
        <Badge badgeContent={unread.length} color="error" max={99}>
          <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path
              fill="currentColor"
              d="M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2Zm6-6V11a6 6 0 0 0-5-5.9V4a1 1 0 1 0-2 0v1.1A6 6 0 0 0 6 11v5l-2 2v1h16v-1l-2-2Z"
            />
          </svg>
        </Badge>
      </IconButton>
      <Popover
        open={!!anchor}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      >
        <Typography variant="h2" component="h2" sx={{ px: 2, pt: 2 }}>
          {t('shell.notifications')}
        </Typography>
        {unread.length === 0 ? (
          <Typography sx={{ p: 2 }}>{t('shell.noNotifications')}</Typography>
        ) : (
          <List dense sx={{ maxWidth: 380 }}>
            {unread.map((n) => (
              <ListItem key={n.id}>
                <ListItemText primary={n.title} secondary={new Date(n.createdAt).toLocaleString(i18n.language)} />
              </ListItem>
            ))}
          </List>
        )}
        {unread.length > 0 && (
          <Button sx={{ m: 1 }} onClick={() => mark.mutate()} disabled={mark.isPending}>
            {t('shell.markRead')}
          </Button>
        )}
      </Popover>
    </>
  );
}
