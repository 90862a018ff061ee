import { SetMetadata } from '@nestjs/common';
import { Permission } from './permissions';

export const REQUIRED_PERMISSION = 'tf:permission';

/** Declares the permission an operation or a field resolver needs. Metadata only: the global guard enforces it. */
export const Allow = (permission: Permission): MethodDecorator => SetMetadata(REQUIRED_PERMISSION, permission);
