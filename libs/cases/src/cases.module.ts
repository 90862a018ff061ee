import { Module } from '@nestjs/common';

/** Wired into the app; its features arrive with their own issue. */
@Module({})
export class CasesModule {}
