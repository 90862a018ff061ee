'use strict';
/**
 * Benchmark-only build: preloaded (`node -r`) into the built server so that audit records are not
 * written, to measure what the audit chain costs. Never part of the application or its start.
 */
const { join } = require('node:path');
const { AuditService } = require(join(__dirname, '../../dist/libs/audit/src/audit.service'));

AuditService.prototype.record = async function record() {};
process.stdout.write('[bench] auditing disabled in this process (benchmark-only build)\n');
