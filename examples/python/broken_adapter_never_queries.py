"""A DELIBERATELY BROKEN venue adapter (kept to show what a finding looks like): it never queries an order
whose submit timed out, and takes a 418 ban for "fate unknown", so such orders stay PENDING_NEW in the kernel
forever (INV-A-RECONCILED). examples/python/example_adapter.py is the fixed one.

An example venue adapter in Python for the workbench's Binance-shaped venue simulator (spec/venue.md).

It turns kernel commands into venue requests and venue replies / order-update stream messages into kernel
deliveries: quantities and prices truncated to the venue grid, executions deduplicated by trade id, the
last-fill quantity `l` (never the cumulative `z`) delivered, commissions converted to the quote asset,
fills of canceled orders kept. It is deliberately small: it does not query an order whose submit timed out
(capability queryOrder: false), so such an order stays pending in the kernel. Fuzz it with

    npx workbench fuzz --adapter-cmd "python3 examples/python/broken_adapter_never_queries.py"

Standard library only.
"""
from __future__ import annotations

from decimal import Decimal, ROUND_DOWN

import _checkout  # noqa: F401  (dita_workbench from python/src when it is not installed)
from dita_workbench.bridge import serve_adapter
from dita_workbench.messages import AdapterCapabilities

CAPABILITIES: AdapterCapabilities = {"name": "python-example", "version": "1", "orderTypes": ["LIMIT"], "cancel": True, "queryOrder": False,
                "feeAssets": ["USDT", "BNB"], "balanceReports": False}

state: dict = {}


def reset(config: dict) -> None:
    state.clear()
    state.update(config=config, orders={}, requests={}, seq=0)


def down(x: Decimal, step: Decimal) -> Decimal:
    return (x / step).to_integral_value(rounding=ROUND_DOWN) * step


def text(x: Decimal) -> str:
    s = format(x.normalize(), "f")
    return s if s not in ("-0", "") else "0"


def request(out: dict, cid: str, method: str, params: dict) -> None:
    state["seq"] += 1
    rid = f"py{state['seq']}"
    state["requests"][rid] = (cid, method)
    out["requests"].append({"id": rid, "method": method, "path": "/fapi/v1/order", "params": params})


def deliver(out: dict, cid: str, delivery: dict) -> None:
    state["orders"][cid]["spoken"] = True
    out["deliver"].append(delivery)


def on_command(out: dict, c: dict) -> None:
    inst = state["config"]["instruments"][c["asset"]]
    if c["type"] == "CancelOrder":
        order = state["orders"].get(c["clientOrderId"])
        if order is not None and not order["ended"]:
            request(out, c["clientOrderId"], "DELETE", {"symbol": c["asset"], "origClientOrderId": c["clientOrderId"]})
        return
    cid = c["clientOrderId"]
    state["orders"][cid] = {"spoken": False, "ended": False, "trades": set(), "symbol": c["asset"], "delivered": Decimal(0), "pending_end": None}
    qty = down(Decimal(c["qty"]), Decimal(inst["stepSize"]))
    if qty <= 0 or qty < Decimal(inst["minQty"]):
        deliver(out, cid, {"kind": "order_rejected", "orderId": cid, "venueCode": "LOCAL", "message": "quantity truncates below the venue minimum"})
        state["orders"][cid]["ended"] = True
        return
    state["orders"][cid]["short"] = qty < Decimal(c["qty"])  # the venue grid is coarser: the remainder can never trade
    price = down(Decimal(c["referencePrice"]), Decimal(inst["tickSize"]))
    request(out, cid, "POST", {"symbol": c["asset"], "side": c["orderSide"], "type": "LIMIT", "quantity": text(qty), "price": text(price),
                               "timeInForce": "GTC", "reduceOnly": "true" if c["reduceOnly"] else "false", "newClientOrderId": cid})


def on_reply(out: dict, reply: dict) -> None:
    cid, method = state["requests"].pop(reply["id"], (None, None))
    order = state["orders"].get(cid)
    if order is None or reply.get("httpStatus") == 0:
        return  # a timeout: the order's fate is unknown, and unknown is not failed
    if reply["httpStatus"] == 200:
        if method == "POST" and not order["spoken"] and reply["body"]["status"] == "NEW":
            deliver(out, cid, {"kind": "order_accepted", "orderId": cid})
        return
    code = reply["body"]["code"]
    if method == "POST" and code not in (-1007, -2013, -4116, -1003) and reply["httpStatus"] not in (429, 418, 503) and not order["ended"]:
        order["ended"] = True
        deliver(out, cid, {"kind": "order_rejected", "orderId": cid, "venueCode": str(code), "message": reply["body"]["msg"]})


def on_stream(out: dict, message: dict) -> None:
    if message.get("e") != "ORDER_TRADE_UPDATE":
        return
    o = message["o"]
    cid = o["c"]
    order = state["orders"].get(cid)
    if order is None:
        return
    if o["x"] == "TRADE" and o["t"] not in order["trades"]:
        order["trades"].add(o["t"])
        fee = Decimal(o["n"])
        quote = state["config"]["quoteAsset"]
        if o["N"] and o["N"] != quote:
            fee = fee * Decimal(state["config"]["assetPrices"][o["N"]])
        order["delivered"] += Decimal(o["l"])
        deliver(out, cid, {"kind": "order_filled", "orderId": cid, "fillId": f"{o['s']}:{o['t']}", "qty": o["l"], "price": o["L"], "fee": text(fee)})
    elif o["x"] == "NEW" and not order["spoken"]:
        deliver(out, cid, {"kind": "order_accepted", "orderId": cid})
    if o["X"] in ("CANCELED", "EXPIRED") and not order["ended"] and Decimal(o["z"]) < Decimal(o["q"]):
        # the end is delivered only once every execution it covers has been (a CANCELED after FILLED is stale)
        order["pending_end"] = ("order_canceled" if o["X"] == "CANCELED" else "order_expired", Decimal(o["z"]))
    if o["X"] == "FILLED" and order.get("short") and not order["ended"]:
        # filled on the venue, yet short of what the kernel asked: end the kernel's order so it does not hang open
        order["pending_end"] = ("order_expired", Decimal(o["z"]))
    end = order["pending_end"]
    if end is not None and not order["ended"] and order["delivered"] >= end[1]:
        order["ended"] = True
        deliver(out, cid, {"kind": end[0], "orderId": cid})


def on_event(event: dict) -> dict:
    out: dict = {"requests": [], "deliver": []}
    if event["type"] == "command":
        on_command(out, event["command"])
    elif event["type"] == "reply":
        on_reply(out, event["reply"])
    else:
        on_stream(out, event["message"])
    return out


if __name__ == "__main__":
    serve_adapter("python-broken-adapter", reset, on_event, CAPABILITIES, capabilities=["cancel"])
