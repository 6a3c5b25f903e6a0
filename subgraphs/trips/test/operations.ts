// The operations the int tests send, as a client would.

export const CREATE_TRIP = `mutation ($input: CreateTripInput!) {
  createTrip(input: $input) { id title destination startDate endDate owner { id } items { id } }
}`;

export const ADD_ITEM = `mutation ($tripId: ID!, $input: ItineraryItemInput!) {
  addItineraryItem(tripId: $tripId, input: $input) {
    id kind title startsAt notes booking { id } hotel { id }
  }
}`;

export const REMOVE_ITEM = `mutation ($id: ID!) { removeItineraryItem(id: $id) }`;
export const DELETE_TRIP = `mutation ($id: ID!) { deleteTrip(id: $id) }`;

export const TRIP = `query ($id: ID!) {
  trip(id: $id) { id title owner { id } items { id title startsAt } }
}`;

export const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Trip { id title owner { id } items { id title booking { id } hotel { id } } }
    ... on ItineraryItem { id title }
    ... on User { id trips { id title } }
  }
}`;

export const tripInput = (overrides: Record<string, unknown> = {}) => ({
  title: 'Lisbon in spring',
  destination: 'Lisbon',
  startDate: '2027-04-01',
  endDate: '2027-04-05',
  ...overrides,
});
