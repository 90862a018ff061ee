/** The console's shared words, in English. Every key here has its Spanish twin in ../es/common.ts (a test checks). */
export const common = {
  app: { title: 'Task force', skip: 'Skip to content', loading: 'Loading…', save: 'Save', cancel: 'Cancel', close: 'Close', retry: 'Try again', back: 'Back', none: 'None', yes: 'Yes', no: 'No', more: 'Load more', search: 'Search', clear: 'Clear', required: 'Required' },
  nav: { label: 'Areas', home: 'Home', leads: 'Leads', cases: 'Cases', victims: 'Survivors', referrals: 'Referrals', deadlines: 'Deadlines', dashboard: 'Dashboard', users: 'Users', agencies: 'Agencies', audit: 'Audit trail', account: 'My account' },
  shell: { notifications: 'Notifications', notificationsUnread_one: '{{count}} unread notification', notificationsUnread_other: '{{count}} unread notifications', noNotifications: 'No notifications.', markRead: 'Mark all as read', language: 'Language', signOut: 'Sign out', signedInAs: 'Signed in as {{name}}', menu: 'Open navigation' },
  signIn: {
    title: 'Sign in', username: 'Username', password: 'Password', submit: 'Sign in', totpTitle: 'Enter your code', totpHelp: 'Open your authenticator app and type the 6-digit code for this account.',
    totp: 'Authenticator code', verify: 'Verify', startOver: 'Use another account', demoHint: 'Demo: every demo user has the password printed when the server starts.',
    idle: 'You were signed out after a period without activity. Sign in again to continue.', ended: 'Your session has ended. Please sign in again.', signedOut: 'You have signed out.',
  },
  mfa: {
    enrolTitle: 'Set up two-step sign-in', enrolHelp: 'Your agency requires an authenticator app. Add this key to the app, then type the 6-digit code it shows.',
    secret: 'Key to add to the authenticator app', uri: 'Set-up link', code: 'Code from the app', confirm: 'Confirm', done: 'Two-step sign-in is on.', start: 'Set up an authenticator app', enabled: 'Two-step sign-in is on for this account.', disabled: 'Two-step sign-in is off for this account.',
  },
  account: { title: 'My account', agency: 'Agency', roles: 'Roles', password: 'Change password', current: 'Current password', next: 'New password', again: 'New password again', mismatch: 'The two new passwords differ.', tooShort: 'At least 12 characters.', changed: 'Your password was changed; your other sessions were signed out.' },
  home: { title: 'Welcome, {{name}}', intro: 'What needs you today.', nothing: 'Nothing is waiting for you.' },
  roles: { INVESTIGATOR: 'Investigator', VICTIM_ADVOCATE: 'Victim advocate', PROSECUTOR: 'Prosecutor', SUPERVISOR: 'Supervisor', AGENCY_ADMIN: 'Agency admin', AUDITOR: 'Auditor', TASK_FORCE_COORDINATOR: 'Task-force coordinator', TASK_FORCE_ADMIN: 'Task-force admin' },
  errors: {
    BAD_USER_INPUT: 'Please check what you entered.', UNAUTHENTICATED: 'You are not signed in, or your session has ended.', FORBIDDEN: 'You do not have access to do this.',
    NOT_FOUND: 'Not found, or you do not have access to it.', CONFLICT: 'Someone changed this record since you opened it: reload to see their change, then make yours again.',
    RATE_LIMITED: 'Too many attempts. Please wait a moment and try again.', INTERNAL: 'Something went wrong on our side. It has been logged; please try again.',
    NETWORK: 'The server could not be reached. Check your connection and try again.', BAD_REQUEST: 'The request was not understood.',
    PERSISTED_QUERY_NOT_FOUND: 'The request was not understood.', PERSISTED_QUERY_NOT_SUPPORTED: 'The request was not understood.',
  },
};
