import { errors } from '@travel/errors';
import { isUuid, type Page, pageArgs } from '@travel/service-kit';

/**
 * `pageArgs` for tables keyed by uuid: a cursor must decode to a uuid, or Postgres would fail
 * the query instead of the client learning its `after` is bad.
 */
export function uuidPage(
  first: number | null | undefined,
  after: string | null | undefined,
  fallback: number,
): Page {
  const page = pageArgs(first, after, fallback);
  if (page.afterId === undefined) return page;
  if (!isUuid(page.afterId))
    throw errors.badInput('after is not a cursor this API returned', 'after');
  return { take: page.take, afterId: page.afterId.toLowerCase() };
}
