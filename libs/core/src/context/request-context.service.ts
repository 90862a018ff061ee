import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { Errors } from '../errors/app-error';
import { Principal, RequestStore } from './request-context';

/** Typed access to the request context: the principal and where the request came from. */
@Injectable()
export class RequestContext {
  constructor(private readonly cls: ClsService<RequestStore>) {}

  /** The authenticated principal; UNAUTHENTICATED if there is none. */
  get principal(): Principal {
    const p = this.cls.isActive() ? this.cls.get('principal') : undefined;
    if (!p) throw Errors.unauthenticated();
    return p;
  }

  get principalOrNull(): Principal | null {
    return (this.cls.isActive() ? this.cls.get('principal') : undefined) ?? null;
  }

  setPrincipal(p: Principal): void {
    this.cls.set('principal', p);
  }

  get requestId(): string | undefined {
    return this.cls.isActive() ? this.cls.get('requestId') : undefined;
  }

  get clientAddress(): string | undefined {
    return this.cls.isActive() ? this.cls.get('clientAddress') : undefined;
  }

  get userAgent(): string | undefined {
    return this.cls.isActive() ? this.cls.get('userAgent') : undefined;
  }
}
