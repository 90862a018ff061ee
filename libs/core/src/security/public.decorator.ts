import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'tf:isPublic';

/** The operation needs no authentication (login, refresh, health). Everything else does. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
