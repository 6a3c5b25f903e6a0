import type { GraphQLHttpResponse } from '@travel/testing';
import { post } from './graphql.ts';
import type { SignedInUser } from './users.ts';

const CREATE_HOTEL = 'mutation ($input: CreateHotelInput!) { createHotel(input: $input) { id } }';
const ADD_REVIEW =
  'mutation ($id: ID!, $rating: Int!, $comment: String) { addReview(hotelId: $id, rating: $rating, comment: $comment) { rating } }';
const FIRST_HOTEL = '{ searchHotels(input: {}, first: 1) { edges { node { id } } } }';

export interface NewHotel {
  name: string;
  city: string;
  description?: string;
  country?: string;
  starRating?: number;
}

/** `createHotel` through the router as `partner`: the whole answer (tests read its errors). */
export function createHotel(
  url: string,
  partner: Pick<SignedInUser, 'auth'>,
  {
    description = 'Made by an end-to-end test',
    country = 'PT',
    starRating = 3,
    ...hotel
  }: NewHotel,
): Promise<GraphQLHttpResponse<{ createHotel: { id: string } }>> {
  return post(
    url,
    CREATE_HOTEL,
    { input: { ...hotel, description, country, starRating } },
    partner.auth,
  );
}

/** `addReview` through the router as `user`: the whole answer (status, headers, errors). */
export function addReview(
  url: string,
  user: Pick<SignedInUser, 'auth'>,
  hotelId: string,
  rating: number,
  comment?: string,
): Promise<GraphQLHttpResponse<{ addReview: { rating: number } }>> {
  return post(url, ADD_REVIEW, { id: hotelId, rating, comment }, user.auth);
}

/** The id of the first hotel the seeded search answers with. */
export async function firstHotelId(url: string): Promise<string> {
  const res = await post<{ searchHotels: { edges: { node: { id: string } }[] } }>(url, FIRST_HOTEL);
  const id = res.body.data?.searchHotels.edges[0]?.node.id;
  if (!id) throw new Error(`no hotel in the seeded search: ${JSON.stringify(res.body)}`);
  return id;
}
