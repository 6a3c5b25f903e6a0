// `@travel/service-kit/http`: how a service serves HTTP on plain node:http, for the router too
// (without the subgraph parts: no schema builder, no Prisma).
export { createClientAddress } from './client-address.ts';
export { handleGraphQLRequest } from './graphql-http-handler.ts';
export { type JsonBody, readJsonBody } from './read-json-body.ts';
export { metricsRoute, type Route, sendJson } from './service-routes.ts';
export { createTurnEndAnswers, type TurnEndAnswers } from './turn-end-answers.ts';
