"""An example venue adapter in Python for the workbench's Binance-shaped venue simulator (spec/venue.md).

It turns kernel commands into venue requests and venue replies / order-update stream messages into kernel
deliveries: quantities and prices truncated to the venue grid, executions deduplicated by trade id, the
last-fill quantity `l` (never the cumulative `z`) delivered, commissions converted to the quote asset,
fills of canceled orders kept; a submit whose fate is unknown (timeout, 503, -1007) is queried, and sent again
under the same client order id when the venue says it does not exist (spec/venue.md §2.4 rule 6). It passes
the default fuzz profile; broken_adapter_never_queries.py is the same adapter without the query, a finding.
Fuzz it with

    npx workbench fuzz --adapter-cmd "python3 examples/python/example_adapter.py"

Standard library only.
"""
from __future__ import annotations

from decimal import Decimal, ROUND_DOWN

import _checkout  # noqa: F401  (dita_workbench from python/src when it is not installed)
from dita_workbench.bridge import serve_adapter
from dita_workbench.messages import AdapterCapabilities

CAPABILITIES: AdapterCapabilities = {"name": "python-example", "version": "1", "orderTypes": ["LIMIT"], "cancel": True, "queryOrder": True,
                "feeAssets": ["USDT", "BNB"], "balanceReports": False}

state: dict = {}


# As the reference adapter: resubmits after "does not exist", queries after an unclear query answer.
MAX_SUBMIT_ATTEMPTS = 8
MAX_QUERIES = 3


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
    state["orders"][cid] = {"spoken": False, "ended": False, "trades": set(), "symbol": c["asset"], "delivered": Decimal(0), "pending_end": None,
                            "attempts": 0, "queries": 0, "post": None}
    qty = down(Decimal(c["qty"]), Decimal(inst["stepSize"]))
    if qty <= 0 or qty < Decimal(inst["minQty"]):
        deliver(out, cid, {"kind": "order_rejected", "orderId": cid, "venueCode": "LOCAL", "message": "quantity truncates below the venue minimum"})
        state["orders"][cid]["ended"] = True
        return
    state["orders"][cid]["short"] = qty < Decimal(c["qty"])  # the venue grid is coarser: the remainder can never trade
    price = down(Decimal(c["referencePrice"]), Decimal(inst["tickSize"]))
    state["orders"][cid]["post"] = {"symbol": c["asset"], "side": c["orderSide"], "type": "LIMIT", "quantity": text(qty), "price": text(price),
                                    "timeInForce": "GTC", "reduceOnly": "true" if c["reduceOnly"] else "false", "newClientOrderId": cid}
    submit(out, cid)


def submit(out: dict, cid: str) -> None:
    state["orders"][cid]["attempts"] += 1
    request(out, cid, "POST", state["orders"][cid]["post"])


def query(out: dict, cid: str) -> None:
    order = state["orders"][cid]
    order["queries"] += 1
    request(out, cid, "GET", {"symbol": order["symbol"], "origClientOrderId": cid})


def acknowledge(out: dict, cid: str) -> None:
    order = state["orders"][cid]
    if not order["spoken"] and not order["ended"]:
        deliver(out, cid, {"kind": "order_accepted", "orderId": cid})


def settle(out: dict, cid: str) -> None:
    order = state["orders"][cid]
    end = order["pending_end"]
    if end is not None and not order["ended"] and order["delivered"] >= end[1]:
        order["ended"] = True
        deliver(out, cid, {"kind": end[0], "orderId": cid})


def on_reply(out: dict, reply: dict) -> None:
    cid, method = state["requests"].pop(reply["id"], (None, None))
    order = state["orders"].get(cid)
    if order is None or order["ended"]:
        return
    status = reply["httpStatus"]
    code = reply["body"]["code"] if status not in (0, 200) else None
    if method == "GET":
        on_query_reply(out, cid, status, code, reply)
        return
    if method == "DELETE":
        if status == 200 and reply["body"]["status"] in ("CANCELED", "EXPIRED"):
            order["pending_end"] = ("order_canceled" if reply["body"]["status"] == "CANCELED" else "order_expired", Decimal(reply["body"]["executedQty"]))
            settle(out, cid)
        return
    if status == 200:
        acknowledge(out, cid)
    elif status == 0 or status == 503 or code == -1007:
        query(out, cid)  # the fate is unknown, and unknown is not failed: ask before anything else
    elif code == -4116:
        acknowledge(out, cid)  # a second copy refused: the first attempt landed
    else:
        # a definite refusal (including 429/418 -1003, rate limited / banned): the order was never placed
        order["ended"] = True
        deliver(out, cid, {"kind": "order_rejected", "orderId": cid, "venueCode": str(code), "message": reply["body"]["msg"]})


def on_query_reply(out: dict, cid: str, status: int, code, reply: dict) -> None:
    order = state["orders"][cid]
    if status == 200:
        acknowledge(out, cid)
        s = reply["body"]["status"]
        if s in ("CANCELED", "EXPIRED"):
            order["pending_end"] = ("order_canceled" if s == "CANCELED" else "order_expired", Decimal(reply["body"]["executedQty"]))
            settle(out, cid)
        return
    if code == -2013:
        # absent for now, yet a timed-out order may still land: send it again under the same client order id
        if order["attempts"] < MAX_SUBMIT_ATTEMPTS:
            submit(out, cid)
        return
    if order["queries"] < MAX_QUERIES:
        query(out, cid)


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
    settle(out, cid)


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
    serve_adapter("python-example-adapter", reset, on_event, CAPABILITIES, capabilities=["cancel"])
