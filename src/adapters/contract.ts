// The adapter contract (spec/venue.md §2): what an adapter under test receives, what it answers, and the
// capabilities it declares. Everything crossing this boundary is plain JSON data (decimals as strings), so
// the same contract runs in-process or over a JSON-lines pipe to another language.
import type { OrderPurpose, OrderSide } from '../kernel/types.ts';
import type { StreamMessage, VenueReply, VenueRequest } from '../venue/simulator/wire.ts';

/** A kernel venue command as plain data. */
export type WireCommand =
  | {
      readonly type: 'SubmitOrder';
      readonly clientOrderId: string;
      readonly slotId: number;
      readonly tradeId: string;
      readonly purpose: OrderPurpose;
      readonly asset: string;
      readonly orderSide: OrderSide;
      /** In the kernel's grid; may be finer than the venue's step (the adapter truncates). */
      readonly qty: string;
      readonly referencePrice: string;
      readonly reduceOnly: boolean;
    }
  | { readonly type: 'CancelOrder'; readonly clientOrderId: string; readonly asset: string };

/** What the adapter is told, one at a time, in the order the workbench (the generated schedule) decides. */
export type AdapterEvent =
  | { readonly type: 'command'; readonly nowMs: number; readonly command: WireCommand }
  | { readonly type: 'reply'; readonly nowMs: number; readonly reply: VenueReply }
  | { readonly type: 'stream'; readonly nowMs: number; readonly message: StreamMessage }
  /**
   * On the wire only (`--venue wire`): the venue has answered every request and its stream has sent what the
   * schedule released; the adapter answers with the deliveries it now has (it reads replies and the stream itself).
   */
  | { readonly type: 'sync'; readonly nowMs: number };

/** A kernel venue input as plain data; the workbench stamps tsMs with the virtual clock. */
export type KernelDelivery =
  | { readonly kind: 'order_accepted'; readonly orderId: string }
  | { readonly kind: 'order_filled'; readonly orderId: string; readonly fillId: string; readonly qty: string; readonly price: string; readonly fee: string }
  | { readonly kind: 'order_rejected'; readonly orderId: string; readonly venueCode: string; readonly message: string }
  | { readonly kind: 'order_canceled'; readonly orderId: string }
  | { readonly kind: 'order_expired'; readonly orderId: string }
  | { readonly kind: 'balance_reported'; readonly balance: string };

export const DELIVERY_KINDS = ['order_accepted', 'order_filled', 'order_rejected', 'order_canceled', 'order_expired', 'balance_reported'] as const;

/** The typed answer to a command the adapter does not support: never a silent success. */
export interface Unsupported {
  readonly command: WireCommand['type'];
  readonly clientOrderId: string;
  readonly reason: string;
}

/** The adapter's answer to one event. Every field is optional; an empty object means "nothing to do". */
export interface AdapterReaction {
  readonly requests?: readonly VenueRequest[];
  readonly deliver?: readonly KernelDelivery[];
  readonly unsupported?: readonly Unsupported[];
}

export interface AdapterCapabilities {
  readonly name: string;
  readonly version: string;
  readonly orderTypes: readonly ('LIMIT' | 'MARKET')[];
  /** Handles CancelOrder by a venue cancel request. */
  readonly cancel: boolean;
  /** Resolves an unknown submit outcome by querying the order. */
  readonly queryOrder: boolean;
  /** Converts commissions in these assets to the quote asset. */
  readonly feeAssets: readonly string[];
  /** Forwards ACCOUNT_UPDATE wallet balances as balance_reported. */
  readonly balanceReports: boolean;
}

export interface AdapterInstrument {
  readonly tickSize: string;
  readonly stepSize: string;
  readonly minQty: string;
  readonly minNotional: string;
}

/** What the adapter may assume: the venue's exchange info and the prices to convert fee assets. */
export interface AdapterConfig {
  readonly instruments: Readonly<Record<string, AdapterInstrument>>;
  readonly quoteAsset: string;
  /** Price of each non-quote fee asset in the quote asset (fixed for a run). */
  readonly assetPrices: Readonly<Record<string, string>>;
}

export interface AdapterUnderTest {
  readonly capabilities: AdapterCapabilities;
  /** May be async; the workbench bounds every call with a timeout. */
  handle(event: AdapterEvent): AdapterReaction | Promise<AdapterReaction>;
}

/** A module under test exports `createAdapter` (or a default export) of this type; called once per run. */
export type AdapterFactory = (config: AdapterConfig) => AdapterUnderTest | Promise<AdapterUnderTest>;
