import { graphql } from '../../gql';

/** The Leads area's operations (typed by codegen from docs/schema.graphql). */

export const LEADS = graphql(`
  query Leads($first: Int!, $after: String, $filter: LeadFilter) {
    leads(first: $first, after: $after, filter: $filter) {
      edges {
        node {
          id
          reference
          source
          receivedAt
          status
          priority
          suspectedType
          county
          city
          assignedToId
          assignedToName
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const LEAD = graphql(`
  query Lead($id: ID!) {
    lead(id: $id) {
      id
      reference
      source
      receivedAt
      narrative
      state
      county
      city
      suspectedType
      venue
      indicators
      status
      priority
      assignedToId
      assignedToName
      duplicateOfId
      closedReason
      caseId
      createdAt
      version
      identifiers {
        id
        kind
        value
        birthDate
      }
    }
  }
`);

export const CREATE_LEAD = graphql(`
  mutation CreateLead($input: CreateLeadInput!) {
    createLead(input: $input) {
      lead {
        id
        reference
      }
      deconfliction {
        kind
        agency {
          id
          name
          shortCode
        }
      }
    }
  }
`);

export const TRIAGE_LEAD = graphql(`
  mutation TriageLead($input: TriageLeadInput!) {
    triageLead(input: $input) {
      id
      status
      priority
      assignedToId
      assignedToName
      version
    }
  }
`);

export const PROMOTE_LEAD = graphql(`
  mutation PromoteLead($input: PromoteLeadInput!) {
    promoteLead(input: $input) {
      id
      number
    }
  }
`);

export const CLOSE_LEAD = graphql(`
  mutation CloseLead($input: CloseLeadInput!) {
    closeLead(input: $input) {
      id
      status
      closedReason
      duplicateOfId
      version
    }
  }
`);

/** The agency's people (for those who may list them: supervisors). */
export const AGENCY_USERS = graphql(`
  query LeadAssignableUsers {
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

/** The agency's other leads, by reference, to name the one a lead duplicates. */
export const LEAD_REFERENCES = graphql(`
  query LeadReferences {
    leads(first: 100) {
      edges {
        node {
          id
          reference
          receivedAt
        }
      }
    }
  }
`);
