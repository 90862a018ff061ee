import { Module } from '@nestjs/common';
import { AgenciesModule } from '@app/agencies';
import { IdentityVault } from './identity-vault.service';
import { VictimsService } from './victims.service';
import { ConsentsService } from './consents.service';
import { VictimsResolver } from './graphql/victims.resolver';
import './victims.enums';

/** Victims: the pseudonymous profile, the encrypted identity, case links and consents. */
@Module({
  imports: [AgenciesModule],
  providers: [IdentityVault, VictimsService, ConsentsService, VictimsResolver],
  exports: [IdentityVault, VictimsService, ConsentsService],
})
export class VictimsModule {}
