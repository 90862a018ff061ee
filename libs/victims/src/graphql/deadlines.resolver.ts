import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Permission } from '@app/access';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { LegalMattersService } from '../deadlines/legal-matters.service';
import {
  Deadline,
  DeadlinesFilter,
  LegalMatter,
  MarkDeadlineMetInput,
  RecordLegalMatterInput,
  Reminder,
  UpdateLegalMatterInput,
} from './deadline.graphql-types';

/** Legal deadlines, the legal matters they come from, and the reminders the daily job leaves. */
@Resolver(() => Deadline)
export class DeadlinesResolver {
  constructor(
    private readonly deadlineWork: DeadlinesService,
    private readonly matters: LegalMattersService,
  ) {}

  @Query(() => [Deadline], {
    description: "Your agency's deadlines (open and overdue unless asked otherwise), soonest first; per advocate with mine or assigneeId.",
  })
  @Allow(Permission.VICTIM_READ)
  deadlines(@Args('filter', { type: () => DeadlinesFilter, defaultValue: {} }) filter: DeadlinesFilter): Promise<Deadline[]> {
    return this.deadlineWork.list(filter);
  }

  @Query(() => [Reminder], { description: 'Your reminders: deadlines coming due or overdue, for you or your agency.' })
  @Allow(Permission.VICTIM_READ)
  myReminders(): Promise<Reminder[]> {
    return this.deadlineWork.reminders();
  }

  @Mutation(() => Boolean, { description: 'Dismiss a reminder (the deadline stays).' })
  @Allow(Permission.VICTIM_READ)
  dismissReminder(@Args('id', { type: () => ID }, new ParseUUIDPipe()) id: string): Promise<boolean> {
    return this.deadlineWork.dismissReminder(id);
  }

  @Mutation(() => Deadline, { description: 'Record that a deadline was met outside the system (a claim filed on paper), with a note.' })
  @Allow(Permission.VICTIM_WRITE)
  markDeadlineMet(@Args('input') input: MarkDeadlineMetInput): Promise<Deadline> {
    return this.deadlineWork.markMet(input);
  }

  @Mutation(() => LegalMatter, {
    description: 'Record Continued Presence, a T/U-visa declaration request or a court date; deadlines follow.',
  })
  @Allow(Permission.VICTIM_WRITE)
  recordLegalMatter(@Args('input') input: RecordLegalMatterInput): Promise<LegalMatter> {
    return this.matters.record(input);
  }

  @Mutation(() => LegalMatter, {
    description: 'Change a legal matter (a renewal requested, a declaration answered, a hearing moved); deadlines follow.',
  })
  @Allow(Permission.VICTIM_WRITE)
  updateLegalMatter(@Args('input') input: UpdateLegalMatterInput): Promise<LegalMatter> {
    return this.matters.update(input);
  }
}
