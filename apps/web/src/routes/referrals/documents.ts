import { graphql } from '../../gql';

export const REFERRALS = graphql(`
  query Referrals($filter: ReferralsFilter!, $first: Int!, $after: String) {
    referrals(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id
          kind
          status
          urgency
          reason
          respondBy
          overdue
          direction
          createdAt
          serviceCategory
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
          brief {
            label
            victimCode
            caseType
            caseCounties
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

export const REFERRAL_COUNTS = graphql(`
  query ReferralCounts($direction: ReferralDirection!) {
    referralCounts(direction: $direction) {
      status
      count
      overdue
    }
  }
`);

export const REFERRAL = graphql(`
  query Referral($id: ID!) {
    referral(id: $id) {
      id
      kind
      status
      urgency
      reason
      respondBy
      overdue
      direction
      createdAt
      answeredAt
      completedAt
      answerReason
      outcome
      version
      serviceCategory
      disclosesIdentity
      offeredAccess
      caseId
      victimId
      serviceId
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
      fromUser {
        id
        displayName
      }
      brief {
        label
        victimCode
        ageBand
        gender
        minorAtExploitation
        traffickingType
        caseType
        caseVenue
        caseCounties
      }
      history {
        action
        at
        note
        actor {
          id
          displayName
        }
        actorAgency {
          id
          name
          shortCode
        }
      }
    }
  }
`);

/** The case behind an accepted or sent case referral, for those who may read it. */
export const REFERRAL_CASE = graphql(`
  query ReferralCase($id: ID!) {
    case(id: $id) {
      id
      number
      title
    }
  }
`);

export const ACCEPT_REFERRAL = graphql(`
  mutation AcceptReferral($input: ReferralAnswerInput!) {
    acceptReferral(input: $input) {
      id
      status
      version
    }
  }
`);
export const DECLINE_REFERRAL = graphql(`
  mutation DeclineReferral($input: ReferralAnswerInput!) {
    declineReferral(input: $input) {
      id
      status
      version
    }
  }
`);
export const WITHDRAW_REFERRAL = graphql(`
  mutation WithdrawReferral($input: ReferralAnswerInput!) {
    withdrawReferral(input: $input) {
      id
      status
      version
    }
  }
`);
export const COMPLETE_REFERRAL = graphql(`
  mutation CompleteReferral($input: CompleteReferralInput!) {
    completeReferral(input: $input) {
      id
      status
      version
    }
  }
`);

/** What the sending form needs: the agency's own survivors (codes only) and the task force's agencies. */
export const SEND_CHOICES = graphql(`
  query SendReferralChoices {
    victims(custodial: true, first: 100) {
      edges {
        node {
          id
          code
        }
      }
    }
    agencies {
      id
      name
      shortCode
      kind
      active
    }
  }
`);

/** The survivor as the brief describes them, and the consents that decide whether the identity may go. */
export const REFERRAL_VICTIM = graphql(`
  query ReferralVictim($id: ID!) {
    victim(id: $id) {
      id
      code
      ageBand
      gender
      minorAtExploitation
      traffickingType
      custodial
      consentsGiven {
        id
        scopes
        status
        expiresOn
        recipientAgency {
          id
        }
      }
    }
  }
`);

export const SEND_VICTIM_REFERRAL = graphql(`
  mutation SendVictimReferral($input: SendVictimReferralInput!) {
    sendVictimReferral(input: $input) {
      id
    }
  }
`);
