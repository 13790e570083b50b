/** What a route says: `POST /tasks`, `GET /tasks/{id}`, `GET /files/{proxy+}`. */
export interface RouteSpec {
  /** `GET`, `POST`, `PUT`, `PATCH`, `DELETE`, `HEAD`, `OPTIONS` (or `ANY`). */
  readonly method: string;
  /** `/tasks/{id}`; a greedy `{name+}` only as the last segment. */
  readonly path: string;
}

export type RouteSegment =
  | { readonly kind: 'static'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'greedy'; readonly name: string };

export interface CompiledRoute<R extends RouteSpec = RouteSpec> {
  readonly route: R;
  /** `POST /tasks`, as API Gateway writes `routeKey`. */
  readonly routeKey: string;
  readonly segments: readonly RouteSegment[];
  readonly greedy: boolean;
}

export interface RouteMatch<R extends RouteSpec = RouteSpec> {
  readonly route: R;
  /** URL-decoded, keyed by parameter name (`proxy` for `{proxy+}`). */
  readonly pathParameters: Record<string, string>;
}
