import { cacheHint } from '@travel/service-kit';
import { builder } from '../builder.ts';

// hotels owns Hotel; trips only keeps the id an item was given. The key is not resolvable
// here: the gateway asks hotels for every field of it (an unknown id resolves to null there).
export const HotelRef = builder
  .externalRef('Hotel', builder.keyDirective(builder.selection<{ id: string }>('id'), false))
  .implement({
    directives: { cacheControl: cacheHint.reference },
    externalFields: (t) => ({ id: t.id() }),
  });
