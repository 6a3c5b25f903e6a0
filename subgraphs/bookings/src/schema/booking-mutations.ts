import { errors } from '@travel/errors';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { createBooking } from '../domain/create-booking.ts';
import { cancelBooking, confirmBooking } from '../domain/transitions.ts';
import type { BookingOperation } from '../metrics/booking-metrics.ts';
import { BookingRef } from './booking.ts';

const CreateBookingInput = builder.inputType('CreateBookingInput', {
  fields: (t) => ({
    roomTypeId: t.id({ required: true }),
    checkIn: t.field({ type: 'Date', required: true }),
    checkOut: t.field({ type: 'Date', required: true }),
    guests: t.int({ required: true }),
    idempotencyKey: t.string({
      required: true,
      description:
        'a retry with the same key by the same user returns the same booking, never a second one',
    }),
  }),
});

/** Resolvers below run behind `signedIn`, so there is a viewer. */
function viewerOf(ctx: Context) {
  if (!ctx.viewer) throw errors.unauthenticated();
  return ctx.viewer;
}

/** Runs one booking mutation, counting its failure by the code the client will get. */
async function counted<T>(ctx: Context, operation: BookingOperation, run: () => Promise<T>) {
  try {
    return await run();
  } catch (error) {
    ctx.metrics.failed(operation, error);
    throw error;
  }
}

builder.mutationFields((t) => ({
  createBooking: t.field({
    type: BookingRef,
    description:
      'signed-in; error NO_AVAILABILITY when a night is full, BAD_USER_INPUT for bad dates or guests',
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: CreateBookingInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      counted(ctx, 'create', () =>
        createBooking(
          { ...ctx, requestId: ctx.requestId, signal: ctx.signal },
          viewerOf(ctx).userId,
          {
            ...input,
            roomTypeId: String(input.roomTypeId),
          },
        ),
      ),
  }),
  confirmBooking: t.field({
    type: BookingRef,
    description: 'the guest or an ADMIN; PENDING -> CONFIRMED, anything else is INVALID_STATE',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) =>
      counted(ctx, 'confirm', () => confirmBooking(ctx, viewerOf(ctx), String(id))),
  }),
  cancelBooking: t.field({
    type: BookingRef,
    description:
      "the guest, the hotel's owner or an ADMIN; PENDING|CONFIRMED -> CANCELLED, anything else is INVALID_STATE",
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) =>
      counted(ctx, 'cancel', () => cancelBooking(ctx, viewerOf(ctx), String(id))),
  }),
}));
