import { graphql } from '../../gql';

export const DEADLINES = graphql(`
  query Deadlines($filter: DeadlinesFilter!) {
    deadlines(filter: $filter) {
      id
      victimId
      victimCode
      rule
      matterId
      description
      dueOn
      remindOn
      status
      metOn
      metBy
      manualNote
      version
      assignee {
        id
        displayName
      }
    }
  }
`);

export const MY_REMINDERS = graphql(`
  query MyReminders {
    myReminders {
      id
      kind
      createdAt
      deadline {
        id
        victimId
        victimCode
        rule
        matterId
        description
        dueOn
        status
        version
      }
    }
  }
`);

export const MARK_DEADLINE_MET = graphql(`
  mutation MarkDeadlineMet($input: MarkDeadlineMetInput!) {
    markDeadlineMet(input: $input) {
      id
      status
      metOn
      version
    }
  }
`);
export const DISMISS_REMINDER = graphql(`
  mutation DismissReminder($id: ID!) {
    dismissReminder(id: $id)
  }
`);

/** A survivor's legal matters and the deadlines that follow from them (the custodial agency only). */
export const VICTIM_LEGAL = graphql(`
  query VictimLegalMatters($id: ID!) {
    victim(id: $id) {
      id
      code
      custodial
      legalMatters {
        id
        kind
        caseId
        certifyingAgency
        description
        requestedOn
        decidedOn
        outcome
        grantedOn
        lengthMonths
        renewalRequestedOn
        eventOn
        version
      }
      deadlines {
        id
        victimId
        victimCode
        rule
        matterId
        description
        dueOn
        status
        metOn
        metBy
        version
      }
    }
  }
`);

export const RECORD_LEGAL_MATTER = graphql(`
  mutation RecordLegalMatter($input: RecordLegalMatterInput!) {
    recordLegalMatter(input: $input) {
      id
    }
  }
`);
export const UPDATE_LEGAL_MATTER = graphql(`
  mutation UpdateLegalMatter($input: UpdateLegalMatterInput!) {
    updateLegalMatter(input: $input) {
      id
      version
    }
  }
`);
