import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A closed case is read-only (the rule is CasesService.require, which every case write goes
 * through): no change, note, task, subject, charge, share, victim link or referral. The one write
 * that cannot ask it is accepting a case referral, because the receiver does not see the case until
 * it has accepted (and accepting makes it a participant). So the database answers, to a side of the
 * referral only, whether the referred case has been closed since; the service then refuses the
 * acceptance with the same error, before anything is written.
 */
export class ClosedCaseReferrals1763860000000 implements MigrationInterface {
  name = 'ClosedCaseReferrals1763860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE FUNCTION app_referral_case_closed(p_referral uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM referrals r JOIN cases c ON c.id = r.case_id
                 WHERE r.id = p_referral AND app_agency_id() IN (r.from_agency_id, r.to_agency_id) AND c.status = 'CLOSED')
$$;
REVOKE ALL ON FUNCTION app_referral_case_closed(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_referral_case_closed(uuid) TO tf_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION app_referral_case_closed(uuid);`);
  }
}
