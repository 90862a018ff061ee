import { graphql } from '../../gql';
import type { CaseDetailQuery } from '../../gql/graphql';

/** The Cases area's operations (typed by codegen from docs/schema.graphql). */

export const CASE_LIST = graphql(`
  query CaseList($first: Int!, $after: String, $filter: CaseFilter) {
    cases(first: $first, after: $after, filter: $filter) {
      edges {
        node {
          id
          number
          title
          status
          traffickingType
          counties
          myAccess
          subjectCount
          openTaskCount
          openedAt
          leadAgency {
            id
            shortCode
            name
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const CASE_DETAIL = graphql(`
  query CaseDetail($id: ID!) {
    case(id: $id) {
      id
      number
      title
      summary
      traffickingType
      venue
      meansOfControl
      controlDetail
      state
      counties
      status
      closure
      closedReason
      closedAt
      myAccess
      version
      openedAt
      updatedAt
      victimCount
      leadAgency {
        id
        name
        shortCode
        contactName
        contactPhone
        contactEmail
      }
      assignees {
        id
        displayName
      }
      subjects {
        id
        role
        displayName
        description
        status
        version
        addedBy {
          id
          name
          shortCode
        }
      }
      identifiers {
        id
        kind
        value
        birthDate
        source
        sourceId
      }
      charges {
        id
        subjectId
        counts
        filedOn
        disposition
        dispositionOn
        sentence
        version
        recordedBy {
          id
          name
          shortCode
        }
        statute {
          code
          citation
          title
          jurisdiction
          nibrs
        }
      }
      notes {
        id
        body
        authorName
        createdAt
        agency {
          id
          name
          shortCode
        }
      }
      tasks {
        id
        title
        assigneeId
        assigneeName
        dueOn
        done
        doneAt
        version
        agency {
          id
          name
          shortCode
        }
      }
      participants {
        access
        grantedAt
        agency {
          id
          name
          shortCode
        }
      }
    }
  }
`);
export type CaseDetail = CaseDetailQuery['case'];

export const STATUTES = graphql(`
  query Statutes {
    statutes {
      code
      citation
      title
      jurisdiction
      nibrs
    }
  }
`);
export const AGENCIES = graphql(`
  query CaseAgencies {
    agencies {
      id
      name
      shortCode
      kind
      active
    }
  }
`);
export const AGENCY_USERS = graphql(`
  query CaseAgencyUsers {
    users(first: 100) {
      edges {
        node {
          id
          displayName
          roles
          active
        }
      }
    }
  }
`);

export const CASE_VICTIMS = graphql(`
  query CaseVictims($after: String) {
    victims(first: 100, after: $after) {
      edges {
        node {
          id
          code
          custodial
          minorAtExploitation
          traffickingType
          custodialAgency {
            id
            name
          }
          cases {
            caseId
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const CASE_REFERRALS = graphql(`
  query CaseReferrals($direction: ReferralDirection!, $after: String) {
    referrals(first: 50, after: $after, filter: { direction: $direction, kind: [CASE] }) {
      edges {
        node {
          id
          caseId
          direction
          status
          urgency
          offeredAccess
          reason
          createdAt
          respondBy
          overdue
          answerReason
          fromAgency {
            id
            name
            shortCode
          }
          toAgency {
            id
            name
            shortCode
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const DECONFLICTION_NOTICES = graphql(`
  query CaseDeconflictionNotices($after: String) {
    deconflictionNotices(first: 100, after: $after) {
      edges {
        node {
          id
          kind
          identifierValue
          createdAt
          otherAgency {
            id
            name
            contactName
            contactPhone
            contactEmail
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);
export const CHECK_IDENTIFIER = graphql(`
  query CaseCheckIdentifier($input: IdentifierInput!) {
    checkIdentifier(input: $input) {
      kind
      agency {
        id
        name
        contactName
        contactPhone
        contactEmail
      }
    }
  }
`);

export const OPEN_CASE = graphql(`
  mutation OpenCase($input: OpenCaseInput!) {
    openCase(input: $input) {
      case {
        id
        number
      }
      deconfliction {
        kind
        agency {
          id
          name
        }
      }
    }
  }
`);
export const UPDATE_CASE = graphql(`
  mutation UpdateCase($input: UpdateCaseInput!) {
    updateCase(input: $input) {
      id
      version
    }
  }
`);
export const SET_CASE_STATUS = graphql(`
  mutation SetCaseStatus($input: SetCaseStatusInput!) {
    setCaseStatus(input: $input) {
      id
      version
      status
    }
  }
`);
export const CLOSE_CASE = graphql(`
  mutation CloseCase($input: CloseCaseInput!) {
    closeCase(input: $input) {
      id
      version
      status
    }
  }
`);
export const SHARE_CASE = graphql(`
  mutation ShareCase($input: ShareCaseInput!) {
    shareCase(input: $input) {
      id
      version
    }
  }
`);
export const REVOKE_SHARE = graphql(`
  mutation RevokeCaseShare($input: RevokeCaseShareInput!) {
    revokeCaseShare(input: $input) {
      id
      version
    }
  }
`);
export const ADD_SUBJECT = graphql(`
  mutation AddSubject($input: AddSubjectInput!) {
    addSubject(input: $input) {
      subject {
        id
      }
      deconfliction {
        kind
        agency {
          id
          name
          contactName
          contactPhone
          contactEmail
        }
      }
    }
  }
`);
export const ADD_CHARGE = graphql(`
  mutation AddCharge($input: AddChargeInput!) {
    addCharge(input: $input) {
      id
    }
  }
`);
export const UPDATE_CHARGE = graphql(`
  mutation UpdateCharge($input: UpdateChargeInput!) {
    updateCharge(input: $input) {
      id
      version
    }
  }
`);
export const ADD_NOTE = graphql(`
  mutation AddCaseNote($input: AddCaseNoteInput!) {
    addCaseNote(input: $input) {
      id
    }
  }
`);
export const ADD_TASK = graphql(`
  mutation AddCaseTask($input: AddCaseTaskInput!) {
    addCaseTask(input: $input) {
      id
    }
  }
`);
export const UPDATE_TASK = graphql(`
  mutation UpdateCaseTask($input: UpdateCaseTaskInput!) {
    updateCaseTask(input: $input) {
      id
      version
      done
    }
  }
`);
export const SEND_CASE_REFERRAL = graphql(`
  mutation SendCaseReferral($input: SendCaseReferralInput!) {
    sendCaseReferral(input: $input) {
      id
    }
  }
`);

/**
 * Query keys: everything about cases (lists, a case, what hangs off it) is invalidated together
 * after a change; reference data (statutes, agencies, users) is kept apart and stays cached.
 */
export const caseKeys = {
  all: ['cases'] as const,
  list: (filter: unknown) => ['cases', 'list', filter] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  reference: (what: 'statutes' | 'agencies' | 'users') => ['case-reference', what] as const,
};
