import { graphql } from '../../gql';

/**
 * The Victims area's operations. None of the queries kept in the TanStack Query cache asks for an
 * identity field: the identity travels only in VICTIM_IDENTITY and UPDATE_VICTIM_IDENTITY, sent with
 * request() outside the cache and held in the identity panel's state for one view.
 */

export const VICTIMS = graphql(`
  query VictimsList($first: Int!, $after: String, $custodial: Boolean) {
    victims(first: $first, after: $after, custodial: $custodial) {
      edges {
        node {
          id
          code
          ageBand
          minorAtExploitation
          gender
          traffickingType
          identifiedOn
          custodial
          custodialAgency {
            id
            name
          }
          advocate {
            id
            displayName
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

export const FIND_VICTIMS = graphql(`
  query FindVictims($input: FindVictimInput!) {
    findVictims(input: $input) {
      id
      code
      ageBand
      gender
      traffickingType
      identifiedOn
    }
  }
`);

export const REGISTER_VICTIM = graphql(`
  mutation RegisterVictim($input: RegisterVictimInput!) {
    registerVictim(input: $input) {
      victim {
        id
        code
      }
      possibleDuplicates {
        id
        code
        identifiedOn
        advocate {
          displayName
        }
      }
    }
  }
`);

export const AGENCIES = graphql(`
  query VictimAgencies {
    agencies {
      id
      name
      shortCode
      kind
      active
    }
  }
`);

export const CONSENT_FIELDS = graphql(`
  fragment ConsentFields on Consent {
    id
    version
    victimId
    victimCode
    scopes
    purpose
    signedOn
    expiresOn
    extendedReason
    witness
    formReference
    status
    revokedAt
    revokedReason
    recipientAgency {
      id
      name
    }
    custodialAgency {
      id
      name
      contactName
      contactPhone
    }
  }
`);

export const SERVICE_FIELDS = graphql(`
  fragment ServiceFields on VictimService {
    id
    version
    victimId
    victimCode
    category
    detail
    status
    requestedOn
    startedOn
    endedOn
    outcome
    provider {
      id
      name
    }
    custodialAgency {
      id
      name
    }
    notes {
      id
      body
      authorName
      createdAt
    }
  }
`);

export const VICTIM = graphql(`
  query Victim($id: ID!) {
    victim(id: $id) {
      id
      code
      version
      ageBand
      minorAtExploitation
      gender
      traffickingType
      riskFactors
      safetyFlags
      crimeDate
      identifiedOn
      createdAt
      custodial
      custodialAgency {
        id
        name
        contactName
        contactPhone
      }
      advocate {
        id
        displayName
      }
      cases {
        caseId
        caseNumber
        caseTitle
      }
      consentsGiven {
        ...ConsentFields
      }
      services {
        ...ServiceFields
      }
      legalMatters {
        id
        kind
        description
        certifyingAgency
        requestedOn
        grantedOn
        lengthMonths
        renewalRequestedOn
        eventOn
        decidedOn
        outcome
      }
      deadlines {
        id
        rule
        description
        dueOn
        remindOn
        status
        metOn
        metBy
        assignee {
          displayName
        }
      }
    }
  }
`);

/** The identity for a stated purpose (audited), with the consents naming the reader's agency as they stand now. */
export const VICTIM_IDENTITY = graphql(`
  query VictimIdentity($id: ID!, $purpose: String!) {
    victim(id: $id) {
      id
      custodial
      consentsGiven {
        ...ConsentFields
      }
      identity(purpose: $purpose) {
        denial
        released
        version
        identity {
          legalName
          aliases
          birthDate
          languages
          immigrationStatus
          phone
          email
          address
          healthNotes
        }
      }
    }
  }
`);

export const UPDATE_VICTIM_IDENTITY = graphql(`
  mutation UpdateVictimIdentity($input: UpdateVictimIdentityInput!) {
    updateVictimIdentity(input: $input) {
      denial
      released
      version
      identity {
        legalName
        aliases
        birthDate
        languages
        immigrationStatus
        phone
        email
        address
        healthNotes
      }
    }
  }
`);

export const RECORD_CONSENT = graphql(`
  mutation RecordConsent($input: RecordConsentInput!) {
    recordConsent(input: $input) {
      ...ConsentFields
    }
  }
`);
export const REVOKE_CONSENT = graphql(`
  mutation RevokeConsent($input: RevokeConsentInput!) {
    revokeConsent(input: $input) {
      ...ConsentFields
    }
  }
`);
export const EXPIRING_CONSENTS = graphql(`
  query ExpiringConsents($withinDays: Int!) {
    expiringConsents(withinDays: $withinDays) {
      ...ConsentFields
    }
  }
`);

export const ADD_SERVICE = graphql(`
  mutation AddService($input: AddServiceInput!) {
    addService(input: $input) {
      ...ServiceFields
    }
  }
`);
export const UPDATE_SERVICE = graphql(`
  mutation UpdateService($input: UpdateServiceInput!) {
    updateService(input: $input) {
      ...ServiceFields
    }
  }
`);
export const ADD_SERVICE_NOTE = graphql(`
  mutation AddServiceNote($input: AddServiceNoteInput!) {
    addServiceNote(input: $input) {
      id
    }
  }
`);
export const PROVIDED_SERVICES = graphql(`
  query ProvidedServices($status: [ServiceStatus!]) {
    providedServices(status: $status) {
      ...ServiceFields
    }
  }
`);
