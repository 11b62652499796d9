/** Desk test setup: the in-memory store with three users and a DeskStore on the same movable clock. */
import { DeskStore } from '../../src/desk/desk-store.js';
import { memoryStore, withUsers } from '../store/helpers.js';

export async function deskFixture(today = '2026-10-30') {
  const fx = await memoryStore();
  const users = await withUsers(fx.store);
  /** 10:00 in Shanghai on `day`. */
  const setToday = (day: string) => {
    fx.clock.t = Date.parse(`${day}T02:00:00Z`);
  };
  setToday(today);
  const desk = new DeskStore(fx.store, { now: () => new Date(fx.clock.t) });
  return { ...fx, users, desk, setToday };
}

export type DeskFixture = Awaited<ReturnType<typeof deskFixture>>;
