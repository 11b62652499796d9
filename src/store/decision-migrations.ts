/** Schema of the prior review decisions (审查意见库): versions 10–19. */
import type { Migration } from './migrations.js';

export const DECISION_MIGRATIONS: readonly Migration[] = [];
