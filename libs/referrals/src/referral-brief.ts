/**
 * What a referral's receiver sees before deciding, built from the case or the victim at sending
 * (shared by the service and the demo seed): never a name, a title or an id.
 */
export interface BriefOfCase {
  trafficking_type: string;
  venue: string | null;
  counties: string[];
}
export interface BriefOfVictim {
  code: string;
  age_band: string;
  minor_at_exploitation: boolean;
  gender: string;
  trafficking_type: string;
}

const NO_CASE = { caseType: null, caseVenue: null, caseCounties: null };
const NO_VICTIM = { victimCode: null, ageBand: null, minorAtExploitation: null, gender: null, traffickingType: null };

export function caseBrief(c: BriefOfCase) {
  const counties = c.counties.length ? c.counties.join(', ') : 'county not recorded';
  return {
    label: `${c.trafficking_type} trafficking case, ${counties}`,
    caseType: c.trafficking_type,
    caseVenue: c.venue,
    caseCounties: c.counties,
    ...NO_VICTIM,
  };
}

/** A victim referral's brief; `category` names the service asked for, none means the mandatory child-welfare report. */
export function victimBrief(v: BriefOfVictim, category: string | null) {
  const what = category ? category.toLowerCase().replace(/_/g, ' ') : 'mandatory child-welfare report';
  return {
    label: `${v.code}: ${what}`,
    ...NO_CASE,
    victimCode: v.code,
    ageBand: v.age_band,
    minorAtExploitation: v.minor_at_exploitation,
    gender: v.gender,
    traffickingType: v.trafficking_type,
  };
}
