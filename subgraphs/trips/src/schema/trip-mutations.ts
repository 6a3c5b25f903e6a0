import { errors } from '@travel/errors';
import { parseInput } from '@travel/service-kit';
import { builder } from '../builder.ts';
import { viewerOf } from '../context.ts';
import { tripChange } from '../domain/trip-change.ts';
import { CreateTripSchema } from '../domain/trip-input.ts';
import { ownedTrip } from '../loaders/visible.ts';
import { TripRef } from './trip.ts';

const CreateTripInput = builder.inputType('CreateTripInput', {
  fields: (t) => ({
    title: t.string({ required: true }),
    destination: t.string({ required: true }),
    startDate: t.field({ type: 'Date', required: true }),
    endDate: t.field({ type: 'Date', required: true }),
  }),
});

builder.mutationField('createTrip', (t) =>
  t.field({
    type: TripRef,
    description: 'any signed-in user; the viewer becomes the owner',
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: CreateTripInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const viewer = viewerOf(ctx);
      const data = parseInput(CreateTripSchema, input, 'input');
      const trip = await ctx.db.trip.create({ data: { ...data, ownerId: viewer.userId } });
      // The owner's cached trip list is now stale (the router drops it).
      await ctx.changed(tripChange(trip, { listed: true }));
      return trip;
    },
  }),
);

builder.mutationField('deleteTrip', (t) =>
  t.boolean({
    description: "the trip's owner; its items go with it",
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const trip = await ownedTrip(ctx, id);
      // Items go by the foreign key's ON DELETE CASCADE, in the same statement.
      const { count } = await ctx.db.trip.deleteMany({ where: { id: trip.id } });
      if (count === 0) throw errors.notFound('Trip', id); // deleted by a concurrent request
      // Its last version: a subscriber's re-read finds nothing and is sent nothing.
      await ctx.changed(tripChange({ ...trip, version: trip.version + 1 }, { listed: true }));
      return true;
    },
  }),
);
