import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';

export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

export interface ComposedSchemas {
  supergraphSdl: string;
  /** What clients introspect: the supergraph without federation's machinery. */
  apiSdl: string;
}

/** Composes printed subgraph SDL; throws one error listing every composition error. */
export function composeSupergraph(subgraphs: SubgraphSdl[]): ComposedSchemas {
  const result = composeServices(
    subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })),
  );
  if (result.errors) {
    const list = result.errors.map((error) => `- ${error.message}`).join('\n');
    throw new Error(`Composition failed:\n${list}`);
  }
  const apiSchema = result.schema.toAPISchema().toGraphQLJSSchema();
  return { supergraphSdl: result.supergraphSdl, apiSdl: `${printSchema(apiSchema)}\n` };
}
