import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/** `npm run screenshots`: the main screens of the demo, written to docs/screenshots/ (not a test run). */
export default defineConfig({ ...base, testDir: './screenshots', reporter: [['line']] });
