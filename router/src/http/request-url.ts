/** A request URL's path, without its search (`/graphql?query=…` → `/graphql`). */
export function pathOf(url: string | undefined = '/'): string {
  const at = url.indexOf('?');
  return at === -1 ? url : url.slice(0, at);
}

/** A request URL's search parameters (a GET's GraphQL request). */
export function searchOf(url: string | undefined = ''): URLSearchParams {
  const at = url.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : url.slice(at + 1));
}
