import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { RouterContext } from '../context.ts';

/**
 * Apollo Sandbox on `GET /graphql` in development (its app loads from Apollo's CDN); no landing
 * page at all otherwise — Apollo's production default page would still advertise the API.
 * Sandbox subscribes over graphql-ws at its endpoint with the ws scheme (no separate
 * subscription URL is set here): the same URL, where subscriptions/ serves it.
 */
export function landingPagePlugin(nodeEnv: string): ApolloServerPlugin<RouterContext> {
  return nodeEnv === 'development'
    ? ApolloServerPluginLandingPageLocalDefault({ includeCookies: false })
    : ApolloServerPluginLandingPageDisabled();
}
