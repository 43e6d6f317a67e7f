import { APIRequestContext, expect, request } from '@playwright/test';
import { baseURL } from '../playwright.config';

export const PASSWORD = 'correct horse battery';

/** An API client logged in as a new user (created through the sign-up-free CLI path:
 *  the JSON API has no registration, so tests register through the server's own CLI). */
export async function apiAs(username: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  const login = await api.post('/api/v1/authenticate', { data: { username, password: PASSWORD } });
  expect(login.ok(), await login.text()).toBeTruthy();
  return api;
}

export async function createSchedule(api: APIRequestContext, body: object): Promise<number> {
  const reply = await api.post('/api/v1/schedules', { data: body });
  expect(reply.ok(), await reply.text()).toBeTruthy();
  return (await reply.json()).id;
}
