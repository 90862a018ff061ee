import { ApiError } from '../../api/client';

/**
 * What a form does with a refusal: shows it (what was typed stays), and on a version conflict also
 * reloads the record behind it, so that the next try carries the record's new version.
 */
export function onRefusal(show: (e: unknown) => void, reload: () => void): (e: unknown) => void {
  return (e) => {
    show(e);
    if (e instanceof ApiError && e.code === 'CONFLICT') reload();
  };
}
