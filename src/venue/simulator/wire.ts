// The simulator's wire format, shaped on Binance USDⓈ-M futures: REST order requests and replies, and the
// user-data stream's ORDER_TRADE_UPDATE and ACCOUNT_UPDATE messages. Plain JSON data; decimals are strings.

export type WireSide = 'BUY' | 'SELL';
export type WireOrderType = 'LIMIT' | 'MARKET';
/** Binance order status (`X`). */
export type WireOrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED';
/** Binance execution type (`x`): why this update was sent. */
export type WireExecutionType = 'NEW' | 'TRADE' | 'CANCELED' | 'EXPIRED';

/** POST /fapi/v1/order parameters (the subset the simulator reads). */
export interface NewOrderParams {
  readonly symbol: string;
  readonly side: WireSide;
  readonly type: WireOrderType;
  /** Base-asset quantity, a plain decimal string on the symbol's step grid. */
  readonly quantity: string;
  /** Required for LIMIT, absent for MARKET; on the symbol's tick grid. */
  readonly price?: string;
  readonly timeInForce?: 'GTC' | 'IOC';
  readonly reduceOnly: 'true' | 'false';
  /** The idempotency key: the kernel's client order id. A second order with the same id is refused (−4116). */
  readonly newClientOrderId: string;
}

export interface OrderRef {
  readonly symbol: string;
  readonly origClientOrderId: string;
}

/** `id` is chosen by the adapter and echoed in the reply. */
export type VenueRequest =
  | { readonly id: string; readonly method: 'POST'; readonly path: '/fapi/v1/order'; readonly params: NewOrderParams }
  | { readonly id: string; readonly method: 'DELETE'; readonly path: '/fapi/v1/order'; readonly params: OrderRef }
  | { readonly id: string; readonly method: 'GET'; readonly path: '/fapi/v1/order'; readonly params: OrderRef };

/** The order object every 200 reply carries (Binance's response fields, subset). */
export interface WireOrder {
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: WireSide;
  readonly type: WireOrderType;
  readonly status: WireOrderStatus;
  readonly origQty: string;
  readonly executedQty: string;
  readonly cumQuote: string;
  readonly avgPrice: string;
  readonly price: string;
  readonly reduceOnly: boolean;
  readonly updateTime: number;
}

export interface WireError {
  readonly code: number;
  readonly msg: string;
}

export type VenueReply =
  | { readonly id: string; readonly httpStatus: 200; readonly body: WireOrder }
  | { readonly id: string; readonly httpStatus: 400 | 429 | 418 | 503; readonly body: WireError }
  /** The client gave up waiting: the request may or may not have been executed. */
  | { readonly id: string; readonly httpStatus: 0; readonly transportError: 'timeout' };

/** ORDER_TRADE_UPDATE `o` (Binance field names). */
export interface OrderUpdate {
  readonly s: string; // symbol
  readonly c: string; // client order id
  readonly S: WireSide;
  readonly o: WireOrderType;
  readonly q: string; // original quantity
  readonly p: string; // original price ("0" for MARKET)
  readonly ap: string; // average price
  readonly x: WireExecutionType;
  readonly X: WireOrderStatus;
  readonly i: number; // venue order id
  readonly l: string; // last filled quantity (this execution)
  readonly z: string; // cumulative filled quantity
  readonly L: string; // last filled price
  readonly N: string; // commission asset ("" when no trade)
  readonly n: string; // commission of this execution, in N; negative is a rebate
  readonly t: number; // trade id (0 when not a trade); unique per symbol
  readonly R: boolean; // reduce-only
}

export interface OrderTradeUpdate {
  readonly e: 'ORDER_TRADE_UPDATE';
  readonly E: number; // event time
  readonly T: number; // transaction time
  readonly o: OrderUpdate;
}

export interface BalanceEntry {
  readonly a: string; // asset
  readonly wb: string; // wallet balance
  readonly cw: string; // cross wallet balance
}

export interface AccountUpdate {
  readonly e: 'ACCOUNT_UPDATE';
  readonly E: number;
  readonly T: number;
  readonly a: { readonly m: string; readonly B: readonly BalanceEntry[] };
}

export type StreamMessage = OrderTradeUpdate | AccountUpdate;

/** Error codes the simulator answers with (Binance's numbers and messages). */
export const VENUE_ERRORS = {
  RATE_LIMIT: { code: -1003, msg: 'Too many requests; current limit is 1200 request weight per 1 MINUTE.' },
  UNKNOWN: { code: -1000, msg: 'An unknown error occured while processing the request.' },
  /** HTTP 503 flavour "execution status unknown" (Binance general info, HTTP return codes). */
  UNKNOWN_503: { code: -1000, msg: 'Unknown error, please check your request or try again later.' },
  /** HTTP 503 flavour "a failure: not executed". */
  SERVICE_UNAVAILABLE: { code: -1001, msg: 'Service Unavailable.' },
  INTERNAL_ERROR: { code: -1001, msg: 'Internal error; unable to process your request. Please try again.' },
  TIMEOUT: { code: -1007, msg: 'Timeout waiting for response from backend server. Send status unknown; execution status unknown.' },
  FILTER: { code: -1013, msg: 'Filter failure: LOT_SIZE' },
  PRICE_FILTER: { code: -1013, msg: 'Filter failure: PRICE_FILTER' },
  BAD_PARAM: { code: -1102, msg: 'Mandatory parameter was not sent, was empty/null, or malformed.' },
  BAD_SYMBOL: { code: -1121, msg: 'Invalid symbol.' },
  UNKNOWN_ORDER: { code: -2011, msg: 'Unknown order sent.' },
  NO_SUCH_ORDER: { code: -2013, msg: 'Order does not exist.' },
  MARGIN: { code: -2019, msg: 'Margin is insufficient.' },
  REDUCE_ONLY: { code: -2022, msg: 'ReduceOnly Order is rejected.' },
  QTY_ZERO: { code: -4003, msg: 'Quantity less than or equal to zero.' },
  DUPLICATE_CLIENT_ID: { code: -4116, msg: 'ClientOrderId is duplicated.' },
  MIN_NOTIONAL: { code: -4164, msg: "Order's notional must be no smaller than 5 (unless you choose reduce only)." },
} as const satisfies Record<string, WireError>;
