import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Permission } from '@app/access';
import { RequestLoaders } from '@app/core';
import { ReferralsService } from '../referrals.service';
import { ReferralDirection } from '../referrals.enums';
import {
  CompleteReferralInput,
  MarkNotificationsReadInput,
  Notification,
  Referral,
  ReferralAnswerInput,
  ReferralConnection,
  ReferralEvent,
  ReferralsArgs,
  ReferralStatusCount,
  SendCaseReferralInput,
  SendVictimReferralInput,
} from './referral.graphql-types';

/** Referrals between agencies: the inbox and outbox, the steps of each referral, and the notifications they leave. */
@Resolver(() => Referral)
export class ReferralsResolver {
  constructor(
    private readonly work: ReferralsService,
    private readonly loaders: RequestLoaders,
  ) {}

  @Query(() => ReferralConnection, { description: "Your agency's incoming or outgoing referrals, newest first, with filters." })
  @Allow(Permission.REFERRAL_READ)
  referrals(@Args() args: ReferralsArgs): Promise<ReferralConnection> {
    return this.work.list(args.filter, args.first, args.after);
  }

  @Query(() => Referral)
  @Allow(Permission.REFERRAL_READ)
  referral(@Args('id', { type: () => ID }, new ParseUUIDPipe()) id: string): Promise<Referral> {
    return this.work.get(id);
  }

  @Query(() => [ReferralStatusCount], { description: 'How many referrals in each status, incoming or outgoing, and how many are overdue.' })
  @Allow(Permission.REFERRAL_READ)
  referralCounts(@Args('direction', { type: () => ReferralDirection }) direction: ReferralDirection): Promise<ReferralStatusCount[]> {
    return this.work.counts(direction);
  }

  @Query(() => [Notification], { description: 'Your notifications, newest first.' })
  @Allow(Permission.REFERRAL_READ)
  notifications(
    @Args('unreadOnly', { defaultValue: true }) unreadOnly: boolean,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ): Promise<Notification[]> {
    return this.work.notifications(unreadOnly, Math.min(Math.max(first, 1), 200));
  }

  @Mutation(() => Int, { description: 'Mark your notifications read; returns how many changed.' })
  @Allow(Permission.REFERRAL_READ)
  markNotificationsRead(@Args('input') input: MarkNotificationsReadInput): Promise<number> {
    return this.work.markRead(input);
  }

  @Mutation(() => Referral, { description: 'Refer a case your agency leads to another agency, offering READ or CONTRIBUTE participation.' })
  @Allow(Permission.REFERRAL_SEND)
  sendCaseReferral(@Args('input') input: SendCaseReferralInput): Promise<Referral> {
    return this.work.sendCase(input);
  }

  @Mutation(() => Referral, {
    description: 'Refer a victim your agency keeps to a provider for a service (the identity only under a live consent).',
  })
  @Allow(Permission.REFERRAL_SEND)
  sendVictimReferral(@Args('input') input: SendVictimReferralInput): Promise<Referral> {
    return this.work.sendVictim(input);
  }

  @Mutation(() => Referral, {
    description: 'Accept a referral to your agency: a case makes you a participant; a victim referral opens the service.',
  })
  @Allow(Permission.REFERRAL_ANSWER)
  acceptReferral(@Args('input') input: ReferralAnswerInput): Promise<Referral> {
    return this.work.accept(input);
  }

  @Mutation(() => Referral, { description: 'Decline a referral to your agency, with the reason.' })
  @Allow(Permission.REFERRAL_ANSWER)
  declineReferral(@Args('input') input: ReferralAnswerInput): Promise<Referral> {
    return this.work.decline(input);
  }

  @Mutation(() => Referral, { description: 'Withdraw a pending referral your agency sent.' })
  @Allow(Permission.REFERRAL_SEND)
  withdrawReferral(@Args('input') input: ReferralAnswerInput): Promise<Referral> {
    return this.work.withdraw(input);
  }

  @Mutation(() => Referral, { description: 'Complete an accepted referral to your agency, with the outcome.' })
  @Allow(Permission.REFERRAL_ANSWER)
  completeReferral(@Args('input') input: CompleteReferralInput): Promise<Referral> {
    return this.work.complete(input);
  }

  @ResolveField(() => [ReferralEvent], { description: 'Who did what, when.' })
  @Allow(Permission.REFERRAL_READ)
  history(@Parent() r: Referral): Promise<ReferralEvent[]> {
    return this.loaders.get('referral.history', (ids) => this.work.historyOf(ids)).load(r.id);
  }
}
