/** The Cases area's words, in English. Every key has its Spanish twin in ../es/cases.ts (a test checks). */
export const cases = {
  cases: {
    actions: 'Actions',
    list: {
      title: 'Cases', open: 'Open a case', empty: 'No cases yet. Open one here, or promote a lead to a case.', emptyFiltered: 'No cases match these filters. Change or clear them.',
      shown_one: '{{count}} case shown', shown_other: '{{count}} cases shown',
    },
    filters: {
      label: 'Filter the cases', status: 'Status', anyStatus: 'Any status', notClosed: 'Not closed', type: 'Type', anyType: 'Any type', county: 'County',
      scope: 'Lead or shared', allCases: 'Led by us or shared', leading: 'Led by my agency', shared: 'Shared with my agency', assignee: 'Assigned to', anyone: 'Anyone', me: 'Me',
      someone: 'Someone else', clear: 'Clear filters',
    },
    col: { number: 'Number', title: 'Title', status: 'Status', type: 'Type', counties: 'Counties', leadAgency: 'Lead agency', access: 'Our access', subjects: 'Subjects', openTasks: 'Open tasks', opened: 'Opened' },
    field: {
      title: 'Title', titleHelp: '3 to 200 characters. Describe the case, not a person: the title is seen by every agency it is shared with.', type: 'Trafficking type', venue: 'Venue or industry',
      noVenue: 'Not recorded', means: 'Means of control observed', controlDetail: 'How control is exercised', counties: 'Counties', countiesHelp: 'Choose or type a county, then press Enter.',
      summary: 'Summary', state: 'State (two letters)',
    },
    fieldName: {
      status: 'Status', title: 'Title', summary: 'Summary', traffickingType: 'Type', venue: 'Venue or industry', meansOfControl: 'Means of control', controlDetail: 'How control is exercised',
      counties: 'Counties',
    },
    identifiers: {
      title: 'Identifiers', help: 'Phones, addresses, online handles, plates and people (full name and date of birth). Each is checked against other agencies when saved.',
      kind: 'Kind', value: 'Value', fullName: 'Full name', birthDate: 'Date of birth', add: 'Add an identifier', remove: 'Remove', number: 'Identifier {{n}}',
      removeNumber: 'Remove identifier {{n}}', born: 'born {{date}}',
    },
    new: { title: 'Open a case', submit: 'Open the case', assignToMe: 'Assign the case to me' },
    detail: {
      title: 'Case {{number}}', titleUnknown: 'Case', backToList: 'Back to the cases', tabs: 'Parts of the case', access: 'Our access: {{access}}',
      readOnly: 'Your agency reads this case; it cannot change it.',
    },
    tabs: {
      summary: 'Summary', subjects: 'Subjects', charges: 'Charges', notes: 'Notes', tasks: 'Tasks', victims: 'Victims', shares: 'Participants and shares', referrals: 'Referrals',
      deconfliction: 'Deconfliction',
    },
    summary: {
      actions: 'Case actions', edit: 'Edit the summary', editTitle: 'Edit the case', moveTo: 'Move to {{status}}', close: 'Close the case', closeTitle: 'Close case {{number}}',
      closeHelp: 'A case is closed as resolved after adjudication, or as unfounded or for insufficient evidence at any point. It can no longer be changed once closed.',
      closeAs: 'Close as', reason: 'Reason', closedReason: 'Why it was closed', leadAgency: 'Lead agency', yourAccess: 'Our access', assigned: 'Assigned to',
      assignedElsewhere_one: '{{count}} person of the lead agency (ask its contact)', assignedElsewhere_other: '{{count}} people of the lead agency (ask its contact)',
      opened: 'Opened', updated: 'Last changed',
      theirChanges: 'Their change, now shown on the case: {{fields}}. Your text is still here. Continue from their version to save yours over it (fields you did not touch take their value).',
      theirOtherChanges: 'The case was changed in other ways (its shares or status). Your text is still here. Continue from the current version to save it.',
      continue: 'Continue from their version',
    },
    subjects: {
      add: 'Add a subject', addTitle: 'Add a subject', empty: 'No subjects recorded yet.', name: 'Name or alias', nameHelp: 'As known: a name, an alias, or a description such as "Driver (grey Sienna)".',
      role: 'Role', status: 'Status', identifiers: 'Identifiers', addedBy: 'Added by', description: 'Description',
    },
    charges: {
      add: 'Add a charge', addTitle: 'Charge a subject', addHelp: 'The disposition and sentence are recorded on the charge once it is added.', empty: 'No charges recorded yet.',
      noSubjects: 'No charges yet. Add the subject first, then charge them.', subject: 'Subject', statute: 'Statute', chooseStatute: 'Choose a statute', counts: 'Counts',
      filedOn: 'Filed on', disposition: 'Disposition', dispositionOn: 'Disposition date', dispositionOnHelp: 'Required for any disposition other than pending.', sentence: 'Sentence',
      sentenceHelp: 'Only after a conviction or a plea.', recordedBy: 'Recorded by', update: 'Update', updateOne: 'Update {{statute}} against {{subject}}',
      updateTitle: '{{statute}} against {{subject}}', jurisdiction: { STATE: 'Wyoming statutes', FEDERAL: 'Federal statutes' },
    },
    notes: {
      new: 'New note', add: 'Add the note', help: 'Notes are seen by every agency on the case and cannot be edited or deleted.', empty: 'No notes on this case.',
      emptyCanAdd: 'No notes yet. Write the first one above.',
    },
    tasks: {
      add: 'Add a task', addTitle: 'Add a task', empty: 'No tasks on this case.', task: 'Task', assignee: 'Assigned to', due: 'Due on', agency: 'Agency', state: 'State',
      open: 'Open', doneOn: 'Done on {{date}}', markDone: 'Mark done', markDoneOne: 'Mark "{{title}}" done', reopen: 'Reopen', reopenOne: 'Reopen "{{title}}"', nobody: 'Nobody yet',
      me: 'Me ({{name}})', assignedElsewhere: 'Someone at that agency', otherAgency: 'Another agency\'s task',
    },
    victims: {
      help: 'Victims are shown by code only. Who they are stays with the agency that keeps the record.', code: 'Code', keptBy: 'Kept by', minor: 'Minor when exploited',
      type: 'Trafficking experienced', yourAgency: 'Your agency', empty: 'No victims are linked to this case.', noneVisible: 'Victims are linked to this case, but none is visible to your agency.',
      more_one: '{{count}} more linked victim is not visible to your agency.', more_other: '{{count}} more linked victims are not visible to your agency.',
    },
    shares: {
      lead: 'Lead agency: {{agency}}. It alone edits the case and decides who takes part.', agency: 'Agency', access: 'Access', since: 'Since', empty: 'The case is not shared with another agency.',
      emptyCanShare: 'The case is not shared yet. Share it below.', shareTitle: 'Share with an agency', chooseAgency: 'Choose an agency', share: 'Share',
      help: 'Read only: sees the case, its subjects, charges, notes and tasks. Contribute: may also add subjects, charges, notes and tasks.',
      change: 'Change to {{access}}', changeOne: 'Change {{agency}} to {{access}}', revoke: 'Revoke', revokeOne: 'Revoke {{agency}}\'s access',
      revokeTitle: 'Revoke the access of {{agency}}?', revokeText: 'They will no longer see this case, from their next request on. What they added stays on the case.',
    },
    referrals: {
      send: 'Refer the case', sendTitle: 'Refer case {{number}}', sendHelp: 'The receiving agency sees a brief (type, venue, counties) until it accepts; on acceptance it takes part at the access offered.',
      empty: 'No referrals of this case.', direction: 'Direction', OUTGOING: 'Sent to', INCOMING: 'Received from', agency: 'Agency', to: 'Refer to', offered: 'Access offered',
      urgency: 'Urgency', status: 'Status', sent: 'Sent', respondBy: 'Answer by', reason: 'Reason', overdue: 'Overdue',
    },
    urgency: { ROUTINE: 'Routine', URGENT: 'Urgent', EMERGENCY: 'Emergency' },
    referralStatus: { PENDING: 'Pending', ACCEPTED: 'Accepted', DECLINED: 'Declined', WITHDRAWN: 'Withdrawn', EXPIRED: 'Expired', COMPLETED: 'Completed' },
    deconfliction: {
      help: 'Another agency working the same phone, address, handle, plate or person is told to you as whom to call: never their record. A check is recorded in the audit trail.',
      identifier: 'Identifier', recordedOn: 'Recorded on', notices: 'Notices to your agency', check: 'Check now', checkAll: 'Check all with other agencies', checking: 'Checking…',
      notChecked: 'Not checked yet', noMatch: 'No other agency', noNotice: 'None', empty: 'No identifiers on this case yet. Add them with a subject.',
      onCASE: 'The case', onLEAD: 'The lead it came from', onSubject: 'Subject: {{name}}',
      matchTitle: 'Another agency works an identifier you recorded: call them before acting.', match: '{{agency}} works this {{kind}}.',
    },
    v: {
      title: 'Between 3 and 200 characters.', tooLong: 'This is too long.', unique: 'Each only once.', county: 'A county name of 2 to 60 characters.', counties: 'At most 23 counties.',
      state: 'Two capital letters, such as WY.', identifiers: 'At most 50 identifiers.', identifierLength: 'Between 2 and 300 characters.',
      phone: 'A phone number with area code (e.g. 307-555-0142), or + and the country code.', address: 'A street address with a number.', handle: 'An online handle without spaces.',
      plate: 'A plate of 2 to 10 letters or digits.', person: 'A full name: first and last.', birthDate: 'The date of birth is needed for a person.', day: 'Not a real date.',
      future: 'Cannot be in the future.', reason: 'Between 3 and 2000 characters.', counts: 'A whole number from 1 to 500.', dispositionOn: 'A disposition needs its date.',
      sentence: 'A sentence is recorded only for a conviction or a plea.', beforeFiled: 'Cannot be before the filing date.',
    },
  },
};
