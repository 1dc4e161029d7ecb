// A Binance error on the wire: an HTTP status, the {code, msg} body, and the headers that go with it.
export interface WireFailure {
  readonly status: number;
  readonly body: { readonly code: number; readonly msg: string };
  readonly headers?: Readonly<Record<string, string>>;
}

export function wireError(status: number, code: number, msg: string, headers?: Record<string, string>): WireFailure {
  return headers ? { status, body: { code, msg }, headers } : { status, body: { code, msg } };
}

/** Any path the venue does not serve: Binance's gateway answers 404; the body keeps Binance's error shape. */
export function notFound(method: string, path: string): WireFailure {
  return wireError(404, -5000, `Path ${path}, Method ${method} is invalid`);
}

export function mandatory(name: string): WireFailure {
  return wireError(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
}
