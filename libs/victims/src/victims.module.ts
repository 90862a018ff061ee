import { Module } from '@nestjs/common';
import { AgenciesModule } from '@app/agencies';
import { IdentityVault } from './identity-vault.service';
import { VictimsService } from './victims.service';
import { ConsentsService } from './consents.service';
import { ServicesService } from './services.service';
import { VictimServiceResolver, VictimsResolver } from './graphql/victims.resolver';
import './victims.enums';

/** Victims: the pseudonymous profile, the encrypted identity, case links, consents and services. */
@Module({
  imports: [AgenciesModule],
  providers: [IdentityVault, VictimsService, ConsentsService, ServicesService, VictimsResolver, VictimServiceResolver],
  exports: [IdentityVault, VictimsService, ConsentsService, ServicesService],
})
export class VictimsModule {}
