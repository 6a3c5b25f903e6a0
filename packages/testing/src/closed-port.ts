import { freePort } from '@travel/prisma-tools';

/** A /graphql URL nothing listens on, for an upstream that is down. */
export async function closedPortUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}/graphql`;
}
