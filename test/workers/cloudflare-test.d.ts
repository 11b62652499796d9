/** The part of @cloudflare/vitest-pool-workers' `cloudflare:test` module used here (its own types need @cloudflare/workers-types). */
declare module 'cloudflare:test' {
  export const SELF: { fetch(input: string | Request, init?: RequestInit): Promise<Response> };
  /** The Worker's bindings (wrangler.toml plus vitest.workers.config.ts). */
  export const env: Record<string, unknown> & {
    FILES: { get(key: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer> } | null>; list(options?: { prefix?: string }): Promise<{ objects: { key: string }[] }> };
  };
  export function createExecutionContext(): { waitUntil(p: Promise<unknown>): void; passThroughOnException(): void };
  export function createMessageBatch<Body = unknown>(queueName: string, messages: { id: string; timestamp: Date; attempts: number; body: Body }[]): { queue: string; messages: readonly { body: Body }[]; ackAll(): void; retryAll(): void };
  export function getQueueResult(batch: unknown, ctx: unknown): Promise<{ outcome: string; ackAll: boolean; retryBatch: { retry: boolean }; explicitAcks: string[]; retryMessages: unknown[] }>;
}
