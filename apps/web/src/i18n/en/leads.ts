/** The Leads area in English. Every key here has its Spanish twin in ../es/leads.ts (a test checks). */
export const leads = {
  leadsList: {
    title: 'Leads', newLead: 'Log a lead', filters: 'Filters', any: 'Any', me: 'Assigned to me', clear: 'Clear filters',
    status: 'Status', source: 'Source', county: 'County', type: 'Suspected type', from: 'Received from', to: 'Received to', assignee: 'Assigned to',
    caption: "Your agency's leads, newest first", empty: 'No leads match these filters.', emptyHint: "Clear the filters to see all of your agency's leads, or log a new lead.",
    noneYet: 'Your agency has no leads yet.', noneYetHint: 'Log the first tip or hotline signal with “Log a lead”.', shown_one: '{{count}} lead shown', shown_other: '{{count}} leads shown',
    loadingMore: 'Loading more leads…', unassigned: 'Unassigned', someone: 'Someone of your agency',
    columns: { reference: 'Reference', received: 'Received', source: 'Source', status: 'Status', priority: 'Priority', type: 'Suspected type', place: 'Place', assignee: 'Assigned to' },
  },
  leadForm: {
    title: 'Log a lead', intro: 'What came in, where, and any phones, addresses, handles, plates or people it names. Identifiers are checked against the other agencies as you type.',
    what: 'The tip', where: 'Place', source: 'Source', receivedAt: 'Received at', narrative: 'What was reported', state: 'State (two letters)', county: 'County', city: 'City or town',
    suspectedType: 'Suspected type', venue: 'Venue or industry', noVenue: 'Not known', indicators: 'Indicators observed', identifiers: 'Identifiers mentioned',
    identifiersHelp: 'Add each phone, address, online handle, vehicle plate or person (full name with date of birth) the tip names.', noIdentifiers: 'No identifiers added.',
    add: { PHONE: 'Add a phone', ADDRESS: 'Add an address', HANDLE: 'Add a handle', PLATE: 'Add a plate', PERSON: 'Add a person' },
    value: { PHONE: 'Phone number', ADDRESS: 'Street address', HANDLE: 'Online handle', PLATE: 'Vehicle plate', PERSON: 'Full name' },
    birthDate: 'Date of birth', remove: 'Remove {{label}} {{n}}', submit: 'Log the lead', submitting: 'Logging the lead…',
    errors: {
      narrative: 'Describe what was reported (up to 20,000 characters).', receivedAt: 'Enter when it was received.', future: 'The time received cannot be in the future.',
      state: 'Two capital letters, such as WY.', place: 'At most 100 characters.', indicators: 'At most 30 indicators.', identifiers: 'At most 50 identifiers.',
      length: 'Between 2 and 300 characters.', birthDate: 'Enter the date of birth.',
      invalid: {
        PHONE: 'A phone number with area code (e.g. 307-555-0142), or + and the country code.', ADDRESS: 'A street address with a number.',
        HANDLE: 'A handle without spaces.', PLATE: '2 to 10 letters or digits.', PERSON: 'First and last name.',
      },
    },
  },
  deconfliction: {
    checking: 'Checking other agencies…', clear: 'No other agency works {{what}}.', failed: 'This could not be checked against other agencies: {{reason}}',
    match: '{{agency}} works {{what}}: call {{contact}} before acting.', callAgency: 'the agency',
    what: { PHONE: 'this phone', ADDRESS: 'this address', HANDLE: 'this handle', PLATE: 'this plate', PERSON: 'this person' },
  },
  leadDetail: {
    title: 'Lead {{reference}}', facts: 'The lead', identifiers: 'Identifiers', deconfliction: 'Other agencies', actions: 'What to do next', noIdentifiers: 'No identifiers were recorded on this lead.',
    status: 'Status', priority: 'Priority', source: 'Source', receivedAt: 'Received', suspectedType: 'Suspected type', venue: 'Venue or industry', place: 'Place', assignee: 'Assigned to',
    indicators: 'Indicators', narrative: 'What was reported', closedReason: 'Reason closed', duplicateOf: 'Duplicate of', caseLink: 'Promoted to case', openCase: 'Open the case',
    openDuplicate: 'Open the lead it duplicates', kind: 'Kind', value: 'Value', birthDate: 'Date of birth', noneObserved: 'None recorded', closedNote: 'This lead is closed; it can no longer be triaged or promoted.', back: 'All leads',
    triage: 'Triage', promote: 'Promote to a case', close: 'Close the lead', readOnly: 'You can read this lead; triage, promotion and closing need an investigator or supervisor.',
  },
  triage: {
    title: 'Triage the lead', priority: 'Priority', assignee: 'Assign to', keep: 'Keep as it is', submit: 'Save the triage', done: 'The lead was triaged.',
  },
  promote: {
    title: 'Promote to a case', intro: 'Opens a case of your agency that keeps this lead and its identifiers.', caseTitle: 'Case title', type: 'Trafficking type', venue: 'Venue or industry',
    counties: 'Counties involved', countiesHelp: 'Separate counties with commas.', means: 'Means of control observed', controlDetail: 'How control is exercised', summary: 'Summary',
    assignees: 'Assigned to the case', submit: 'Open the case',
    errors: { title: 'A title of 3 to 200 characters.', counties: 'Up to 23 counties, each 2 to 60 characters.', controlDetail: 'At most 5,000 characters.', summary: 'At most 20,000 characters.' },
  },
  closeLead: {
    done: 'The lead was closed.', title: 'Close the lead', as: 'Close as', reason: 'Reason', reasonHelp: 'What was found, in 3 to 2,000 characters.', duplicateOf: 'The lead it duplicates', submit: 'Close the lead',
    errors: { reason: 'Give a reason of 3 to 2,000 characters.', duplicateOf: 'Choose the lead it duplicates.' },
  },
};
