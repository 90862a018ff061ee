import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { ApiError } from './client';
import { ERROR_CODES, errorMessage } from './errors';

describe('error words', () => {
  const t = i18n.t.bind(i18n);
  it('every API error code has words in English and Spanish', async () => {
    for (const lng of ['en', 'es']) {
      await i18n.changeLanguage(lng);
      for (const code of ERROR_CODES) {
        const { title } = errorMessage(new ApiError(code, ''), t);
        expect(title).not.toMatch(/^errors\./);
        expect(title.length).toBeGreaterThan(10);
      }
    }
    await i18n.changeLanguage('en');
  });

  it('a conflict says someone else changed the record; the API words of a refusal are kept as the detail', () => {
    const conflict = errorMessage(new ApiError('CONFLICT', 'version 3 is stale'), t);
    expect(conflict.title).toMatch(/^Someone changed this record since you opened it: reload/);
    expect(conflict.detail).toBeNull();
    expect(errorMessage(new ApiError('FORBIDDEN', 'Only the lead agency edits this case.'), t).detail).toBe(
      'Only the lead agency edits this case.',
    );
    expect(errorMessage(new ApiError('SOMETHING_NEW', 'x'), t).title).toBe(t('errors.INTERNAL'));
    expect(errorMessage(new Error('boom'), t)).toEqual({ title: t('errors.INTERNAL'), detail: null });
  });
});
