import { randomUUID } from 'node:crypto';
import { SUBGRAPH_NAMES } from '@travel/stack';
import { describe, expect, it } from 'vitest';
import { alertExpressions, dashboardExpressions } from '../monitoring/deploy-files.ts';
import { exposedMetrics } from '../monitoring/exposition.ts';
import { parsePromQL } from '../monitoring/promql.ts';
import { bookingFixtureForFile } from './support/booking-fixture.ts';
import {
  CANCEL_BOOKING,
  CONFIRM_BOOKING,
  dataOf,
  day,
  requestBooking,
} from './support/bookings.ts';
import { codes, post } from './support/graphql.ts';
import { metricValue } from './support/metrics.ts';
import { signUp } from './support/users.ts';

// The persisted query list's search, sent by id: labelled by its listed name.
const LISTED_SEARCH_ID = 'd504804c7fc3a7485d87e5762bf1df46fd18da03cc02d59d0339ef2f8b6511d3';
const HOTEL_AVAILABILITY = /* GraphQL */ `
  query OperatorHotelAvailability($id: ID!, $checkIn: Date!, $checkOut: Date!) {
    hotel(id: $id) { name roomTypes { availableRooms(checkIn: $checkIn, checkOut: $checkOut) } }
  }
`;

// One room: a second booking of the same nights answers NO_AVAILABILITY.
const fixture = bookingFixtureForFile('operator-metrics.test', 1, 'Metrics Hotel');

const requests = (url: string, labels: Record<string, string>) =>
  metricValue(url, 'graphql_request_duration_seconds_count', { service: 'router', ...labels });
const subgraphFetches = (subgraph: string) =>
  metricValue(fixture().stack.url, 'subgraph_fetch_duration_seconds_count', { subgraph });
const bookingsMetric = (name: string, labels: Record<string, string> = {}) =>
  metricValue(fixture().stack.subgraphUrls.bookings, name, labels);

describe('router metrics per operation and client', () => {
  it('counts and times an operation by its name and client, and each subgraph call it makes', async () => {
    const labels = { operation_name: 'OperatorHotelAvailability', client_name: 'ops-web' };
    const before = {
      ok: await requests(fixture().stack.url, { ...labels, outcome: 'ok' }),
      hotels: await subgraphFetches('hotels'),
      bookings: await subgraphFetches('bookings'),
    };
    const variables = { id: fixture().roomType.hotelId, checkIn: day(10), checkOut: day(12) };
    const res = await post(fixture().stack.url, HOTEL_AVAILABILITY, variables, {
      'apollographql-client-name': 'ops-web',
    });
    expect(dataOf(res).hotel.roomTypes).toEqual([{ availableRooms: 1 }]);

    expect(await requests(fixture().stack.url, { ...labels, outcome: 'ok' })).toBe(before.ok + 1);
    // hotel from hotels, then availableRooms from bookings (@requires totalRooms).
    expect(await subgraphFetches('hotels')).toBe(before.hotels + 1);
    expect(await subgraphFetches('bookings')).toBe(before.bookings + 1);
    const buckets = await metricValue(
      fixture().stack.url,
      'subgraph_fetch_duration_seconds_bucket',
      {
        subgraph: 'bookings',
        le: '+Inf',
      },
    );
    expect(buckets).toBe(before.bookings + 1);
  });

  it('labels a listed operation by its listed name, whatever the client calls it', async () => {
    const labels = { operation_name: 'PartnerSearchHotels', client_name: 'partner-app' };
    const before = await requests(fixture().stack.url, labels);
    const res = await fetch(fixture().stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollographql-client-name': 'partner-app' },
      body: JSON.stringify({ documentId: LISTED_SEARCH_ID, variables: { input: {} } }),
    });
    expect(res.status).toBe(200);
    expect(await requests(fixture().stack.url, labels)).toBe(before + 1);
  });

  it('counts error responses by outcome and public code', async () => {
    const labels = { operation_name: 'OperatorBroken', client_name: 'ops-web' };
    const before = {
      errors: await requests(fixture().stack.url, { ...labels, outcome: 'error' }),
      validation: await metricValue(fixture().stack.url, 'graphql_request_errors_total', {
        code: 'GRAPHQL_VALIDATION_FAILED',
      }),
    };
    const res = await post(
      fixture().stack.url,
      'query OperatorBroken { noSuchField }',
      {},
      {
        'apollographql-client-name': 'ops-web',
      },
    );
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(await requests(fixture().stack.url, { ...labels, outcome: 'error' })).toBe(
      before.errors + 1,
    );
    expect(
      await metricValue(fixture().stack.url, 'graphql_request_errors_total', {
        code: 'GRAPHQL_VALIDATION_FAILED',
      }),
    ).toBe(before.validation + 1);
  });

  it('reports unlisted operation names past METRICS_MAX_UNLISTED_OPERATIONS as other', async () => {
    const router = await fixture().stack.startRouter({ METRICS_MAX_UNLISTED_OPERATIONS: '2' });
    try {
      const names = ['CapFirst', 'CapSecond', 'CapThird', 'CapFourth'];
      for (const name of [...names, 'CapFirst']) {
        await post(
          router.url,
          `query ${name} { __typename }`,
          {},
          { 'apollographql-client-name': 'cap' },
        );
      }
      const count = (operation_name: string) =>
        requests(router.url, { operation_name, client_name: 'cap' });
      expect(await count('CapFirst')).toBe(2);
      expect(await count('CapSecond')).toBe(1);
      expect(await count('CapThird')).toBe(0);
      expect(await count('other')).toBe(2);
      // The listed name is never capped.
      const listed = await fetch(router.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'apollographql-client-name': 'cap' },
        body: JSON.stringify({ documentId: LISTED_SEARCH_ID, variables: { input: {} } }),
      });
      expect(listed.status).toBe(200);
      expect(await count('PartnerSearchHotels')).toBe(1);
    } finally {
      await router.stop();
    }
  });

  it("reports each subgraph's readiness as the router sees it", async () => {
    for (const subgraph of SUBGRAPH_NAMES) {
      expect(await metricValue(fixture().stack.url, 'subgraph_ready', { subgraph })).toBe(1);
    }
  });
});

describe('booking metrics', () => {
  it('count bookings created, confirmed and cancelled, and failures by reason', async () => {
    const rival = await signUp(fixture().stack.url, 'rival@operator-metrics.test');
    const stay = { roomTypeId: fixture().roomType.roomTypeId, checkIn: day(40), checkOut: day(42) };
    const read = async () => ({
      created: await bookingsMetric('bookings_created_total'),
      confirmed: await bookingsMetric('bookings_confirmed_total'),
      cancelled: await bookingsMetric('bookings_cancelled_total', { cause: 'requested' }),
      noAvailability: await bookingsMetric('booking_failures_total', {
        operation: 'create',
        reason: 'NO_AVAILABILITY',
      }),
      invalidState: await bookingsMetric('booking_failures_total', {
        operation: 'confirm',
        reason: 'INVALID_STATE',
      }),
    });
    const start = await read();

    const idempotencyKey = randomUUID();
    const booked = dataOf(
      await requestBooking(fixture().stack.url, fixture().guest, { ...stay, idempotencyKey }),
    );
    // A retry answers the same booking: not a second one.
    dataOf(await requestBooking(fixture().stack.url, fixture().guest, { ...stay, idempotencyKey }));
    expect(await read()).toEqual({ ...start, created: start.created + 1 });

    const full = await requestBooking(fixture().stack.url, rival, stay);
    expect(codes(full)).toEqual(['NO_AVAILABILITY']);
    expect(await read()).toEqual({
      ...start,
      created: start.created + 1,
      noAvailability: start.noAvailability + 1,
    });

    const id = booked.createBooking.id;
    dataOf(await post(fixture().stack.url, CONFIRM_BOOKING, { id }, fixture().guest.auth));
    expect(
      codes(await post(fixture().stack.url, CONFIRM_BOOKING, { id }, fixture().guest.auth)),
    ).toEqual(['INVALID_STATE']);
    dataOf(await post(fixture().stack.url, CANCEL_BOOKING, { id }, fixture().guest.auth));
    expect(await read()).toEqual({
      created: start.created + 1,
      confirmed: start.confirmed + 1,
      cancelled: start.cancelled + 1,
      noAvailability: start.noAvailability + 1,
      invalidState: start.invalidState + 1,
    });
  });
});

describe('the dashboard and the alert rules', () => {
  // Series Prometheus makes itself, and labels it adds to every series it scrapes.
  const PROMETHEUS_SERIES = new Set(['up']);
  const TARGET_LABELS = new Set(['job', 'instance', 'service', 'le', '__name__']);

  it('query only metrics and labels the services register', async () => {
    const urls = [fixture().stack.url, ...Object.values(fixture().stack.subgraphUrls)];
    const texts = await Promise.all(
      urls.map(async (url) => (await fetch(url.replace(/\/graphql$/, '/metrics'))).text()),
    );
    const registered = exposedMetrics(texts.join('\n'));
    // A name the services do not register is caught: the check can fail.
    expect(registered.has('subgraph_fetch_duration_second_count')).toBe(false);
    expect(registered.has('subgraph_fetch_duration_seconds_count')).toBe(true);

    const problems: string[] = [];
    for (const { where, expr } of [...alertExpressions(), ...dashboardExpressions()]) {
      for (const { metric, labels } of parsePromQL(expr).selectors) {
        if (PROMETHEUS_SERIES.has(metric)) continue;
        const exposed = registered.get(metric);
        if (!exposed) {
          problems.push(`${where}: no service registers ${metric}`);
          continue;
        }
        // Label names are known once a series exists; this test made most of them exist.
        if (exposed.labels.size === 0) continue;
        for (const label of labels) {
          if (!TARGET_LABELS.has(label) && !exposed.labels.has(label)) {
            problems.push(`${where}: ${metric} has no label ${label}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
