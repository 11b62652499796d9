/** A row of the users table and its mapping to User: read by the Store, and by ./sign-in-records.ts where sessions and tokens join users. */
import type { Role, User } from './types.js';

export interface UserRow { id: number; name: string; display_name: string; role: Role; disabled: number; created_at: string; password_hash: string }

export function toUser(r: UserRow): User {
  return { id: r.id, name: r.name, displayName: r.display_name, role: r.role, disabled: r.disabled === 1, createdAt: r.created_at };
}
