import { ArgsType, Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { IsDay } from '@app/core';

export enum DashboardScope {
  /** Your own agency, exact counts (supervisors). */
  AGENCY = 'AGENCY',
  /** Every agency of the task force, small counts suppressed (supervisors and coordinators). */
  TASK_FORCE = 'TASK_FORCE',
}
registerEnumType(DashboardScope, { name: 'DashboardScope' });

@ObjectType({
  description:
    'One count; suppressed (null) when it is small enough to point at a person (task-force view: 0 to the threshold minus one, zeros included), or withheld to protect another count.',
})
export class DashboardCell {
  @Field() key!: string;
  @Field(() => String, { nullable: true }) key2!: string | null;
  @Field(() => Int, { nullable: true }) count!: number | null;
  @Field({ description: 'The count is not shown (suppressed small count, or withheld).' }) suppressed!: boolean;
  @Field({ description: 'Hidden to protect another count: it may hold any number, small or not.' }) withheld!: boolean;
}

@ObjectType()
export class DashboardIndicator {
  @Field() name!: string;
  @Field() description!: string;
  @Field(() => Int, { nullable: true }) total!: number | null;
  @Field() totalSuppressed!: boolean;
  @Field(() => [DashboardCell]) cells!: DashboardCell[];
}

@ObjectType({ description: 'Counts only: no record ids, no names of victims or subjects.' })
export class Dashboard {
  @Field(() => DashboardScope) scope!: DashboardScope;
  @Field() from!: string;
  @Field() to!: string;
  @Field(() => Int, { description: 'Counts from 1 to this minus one are suppressed (TASK_FORCE scope).' }) suppressionThreshold!: number;
  @Field(() => [DashboardIndicator]) indicators!: DashboardIndicator[];
  @Field(() => String, {
    nullable: true,
    description:
      'TASK_FORCE scope: the day the counts "now" (open cases, services, pending referrals, deadlines, charges) were taken; they are taken once a month.',
  })
  stocksAsOf!: string | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Median minutes from sending to answer, of referrals answered in the period, to the bucket that holds it (5, 10, 15, 20, 30, 45, 60, 90, 120 minutes, ... up to 4 weeks; null when too few).',
  })
  referralMedianMinutesToAnswer!: number | null;
}

@ArgsType()
export class DashboardArgs {
  @Field(() => DashboardScope) @IsEnum(DashboardScope) scope!: DashboardScope;
  @Field({
    description:
      'First day (YYYY-MM-DD) of the period for leads, victims and referrals. TASK_FORCE scope: a calendar month, calendar quarter or federal fiscal year (October to September) that has ended.',
  })
  @IsDay('from')
  from!: string;
  @Field({ description: 'Last day of the period.' }) @IsDay('to') to!: string;
}
