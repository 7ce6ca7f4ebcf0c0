import type { Session } from './session.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The input the API refused, e.g. `body.paidOn` (bad input only). */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Calls the staff API with the signed-in person's token. */
export class Api {
  constructor(
    private readonly base: string,
    private readonly session: Session,
    private readonly onUnauthorized: () => void,
  ) {}

  // biome-ignore lint/suspicious/noExplicitAny: JSON from the API, read by the page that asked for it
  async json(method: 'GET' | 'POST', path: string, body?: unknown): Promise<any> {
    const response = await this.send(method, path, body);
    return response.json();
  }

  async text(path: string): Promise<string> {
    return (await this.send('GET', path)).text();
  }

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.session.idToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status === 401) this.onUnauthorized();
    if (!response.ok) {
      const problem = (await response.json().catch(() => ({}))) as {
        code?: string;
        message?: string;
        field?: string;
      };
      throw new ApiError(
        response.status,
        problem.code ?? 'HTTP',
        problem.message ?? `HTTP ${response.status}`,
        problem.field,
      );
    }
    return response;
  }
}
