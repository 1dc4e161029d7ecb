// What one adapter-in-the-loop run leaves behind: the kernel's steps (a RunTrace, so every kernel invariant
// runs on it unchanged) plus both sides of the adapter — what it was told, what it answered, what the venue did.
import type { RunTrace } from '../invariants/invariant.ts';
import type { BehaviourCounts } from '../venue/simulator/behaviours.ts';
import type { RequestRecord, SimExecution } from '../venue/simulator/simulator.ts';
import type { WireOrderStatus } from '../venue/simulator/wire.ts';
import type { AdapterCapabilities, AdapterConfig, AdapterEvent, AdapterReaction, KernelDelivery, WireCommand } from './contract.ts';

export interface AdapterCall {
  readonly index: number;
  readonly tMs: number;
  readonly event: AdapterEvent;
  /** Null when the call failed (see faults). */
  readonly reaction: AdapterReaction | null;
}

export type FaultKind = 'factory_failed' | 'threw' | 'timeout' | 'malformed' | 'no_quiescence' | 'flood' | 'kernel_assertion';

export interface AdapterFault {
  readonly kind: FaultKind;
  readonly callIndex: number | null;
  readonly message: string;
}

export interface CommandRecord {
  readonly callIndex: number;
  /** Kernel step that emitted it. */
  readonly stepIndex: number;
  readonly command: WireCommand;
}

export interface DeliveryRecord {
  readonly callIndex: number;
  /** The kernel step the delivery became (StepRecord.index). */
  readonly stepIndex: number;
  readonly delivery: KernelDelivery;
}

export interface VenueOrderSnapshot {
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly status: WireOrderStatus;
  readonly origQty: string;
  readonly executedQty: string;
}

export type LogItem =
  | { readonly tMs: number; readonly kind: 'policy'; readonly stepIndex: number }
  | { readonly tMs: number; readonly kind: 'venue_action'; readonly text: string }
  | { readonly tMs: number; readonly kind: 'to_adapter'; readonly callIndex: number }
  | { readonly tMs: number; readonly kind: 'to_venue'; readonly requestIndex: number }
  | { readonly tMs: number; readonly kind: 'to_kernel'; readonly stepIndex: number }
  | { readonly tMs: number; readonly kind: 'unsupported'; readonly callIndex: number; readonly text: string }
  | { readonly tMs: number; readonly kind: 'fault'; readonly faultIndex: number }
  /** On the wire: an HTTP exchange or stream event that is not an order request (exchangeInfo, listenKey, a disconnect…). */
  | { readonly tMs: number; readonly kind: 'wire'; readonly flow: string; readonly text: string };

export interface AdapterTrace extends RunTrace {
  readonly adapterConfig: AdapterConfig;
  readonly capabilities: AdapterCapabilities | null;
  readonly calls: readonly AdapterCall[];
  readonly faults: readonly AdapterFault[];
  readonly commands: readonly CommandRecord[];
  readonly deliveries: readonly DeliveryRecord[];
  readonly venueRequests: readonly RequestRecord[];
  readonly venueOrders: readonly VenueOrderSnapshot[];
  readonly executions: readonly SimExecution[];
  /** True when the run reached quiescence with no adapter fault: end-of-run checks apply. */
  readonly completed: boolean;
  readonly log: readonly LogItem[];
  readonly coverage: BehaviourCounts;
}
