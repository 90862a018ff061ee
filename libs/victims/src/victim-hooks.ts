import { Injectable } from '@nestjs/common';

/**
 * What other libraries do when a victim's facts change (registered, profile corrected), inside the
 * same transaction. The referrals library makes the mandatory child-welfare referral here; victims
 * does not depend on referrals.
 */
@Injectable()
export class VictimHooks {
  private readonly listeners: ((victimId: string) => Promise<void>)[] = [];

  onFactsChanged(listener: (victimId: string) => Promise<void>): void {
    this.listeners.push(listener);
  }

  async factsChanged(victimId: string): Promise<void> {
    for (const l of this.listeners) await l(victimId);
  }
}
