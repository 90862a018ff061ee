import { forwardRef } from 'react';
import { createLink } from '@tanstack/react-router';
import Button, { type ButtonProps } from '@mui/material/Button';
import MuiLink, { type LinkProps } from '@mui/material/Link';

/** A router link that looks like MUI's Link (typed `to`/`params`/`search`, client-side navigation). */
export const RouterLink = createLink(
  forwardRef<HTMLAnchorElement, LinkProps>(function RouterLinkBase(props, ref) {
    return <MuiLink ref={ref} {...props} />;
  }),
);

/** A router link that looks like an MUI Button (for "Log a lead", "Open the case"...). */
export const RouterButton = createLink(
  forwardRef<HTMLAnchorElement, ButtonProps<'a'>>(function RouterButtonBase(props, ref) {
    return <Button ref={ref} component="a" {...props} />;
  }),
);
