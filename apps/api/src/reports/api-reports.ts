import { writeFileSync } from 'node:fs';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModuleRef, Reflector } from '@nestjs/core';
import { GraphQLSchemaHost, RESOLVER_NAME_METADATA, RESOLVER_PROPERTY_METADATA, RESOLVER_TYPE_METADATA } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { IS_PUBLIC } from '@app/core';
import { REQUIRED_PERMISSION } from '@app/access';

export type OperationPermissions = Record<string, string>;

/**
 * Lists every query and mutation, and every field resolver (`Type.field`, a @ResolveField), with the
 * permission it declares ("PUBLIC" for @Public, "NONE" for one that declares nothing, which the
 * guard refuses). With TF_OPERATIONS_REPORT /
 * TF_SCHEMA_REPORT set, writes the list / the printed schema to those files at start-up, so the
 * snapshot tests review every change of the API surface and its permissions.
 */
@Injectable()
export class ApiReports implements OnApplicationBootstrap {
  private readonly logger = new Logger(ApiReports.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
  ) {}

  operations(): OperationPermissions {
    const out: OperationPermissions = {};
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const handler = proto[method];
        if (typeof handler !== 'function') continue;
        const root = Reflect.getMetadata(RESOLVER_TYPE_METADATA, handler) as string | undefined;
        const isField = Reflect.getMetadata(RESOLVER_PROPERTY_METADATA, handler) === true;
        const type = isField ? (Reflect.getMetadata(RESOLVER_TYPE_METADATA, instance.constructor) as string | undefined) : root;
        if (!type || (!isField && type !== 'Query' && type !== 'Mutation' && type !== 'Subscription')) continue;
        const name = (Reflect.getMetadata(RESOLVER_NAME_METADATA, handler) as string | undefined) ?? method;
        const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, instance.constructor]);
        const permission = this.reflector.get<string | undefined>(REQUIRED_PERMISSION, handler);
        out[`${type}.${name}`] = isPublic ? 'PUBLIC' : (permission ?? 'NONE');
      }
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  }

  onApplicationBootstrap(): void {
    const ops = this.operations();
    const undeclared = Object.entries(ops)
      .filter(([, p]) => p === 'NONE')
      .map(([o]) => o);
    if (undeclared.length) this.logger.warn(`Operations or fields without a permission (refused by the guard): ${undeclared.join(', ')}`);
    if (process.env.TF_OPERATIONS_REPORT) writeFileSync(process.env.TF_OPERATIONS_REPORT, JSON.stringify(ops, null, 2) + '\n');
    if (process.env.TF_SCHEMA_REPORT)
      writeFileSync(process.env.TF_SCHEMA_REPORT, printSchema(this.moduleRef.get(GraphQLSchemaHost, { strict: false }).schema) + '\n');
  }
}
