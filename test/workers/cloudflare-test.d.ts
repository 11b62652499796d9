/** The part of @cloudflare/vitest-pool-workers' `cloudflare:test` module used here (its own types need @cloudflare/workers-types). */
declare module 'cloudflare:test' {
  export const SELF: { fetch(input: string | Request, init?: RequestInit): Promise<Response> };
}
