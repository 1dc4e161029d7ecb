"""A venue adapter in Python for Binance USD-M futures over the wire, standard library only (urllib, hmac).

It is what `workbench fuzz --venue wire` drives: kernel commands arrive over the JSON-lines protocol
(dita_workbench.bridge); the adapter talks to the venue itself over HTTP, signing requests as Binance does
(HMAC-SHA256 of the parameters, API key in X-MBX-APIKEY). It does not read the user-data stream: on every
`sync` it polls each live order (GET /fapi/v1/userTrades for executions, GET /fapi/v1/order for the status).
The venue's base URL and keys come from WORKBENCH_VENUE_REST_URL, WORKBENCH_VENUE_API_KEY and
WORKBENCH_VENUE_API_SECRET. Fuzz it with

    npx workbench fuzz --venue wire --adapter-cmd "python3 examples/python/wire_adapter.py"

What it does (spec/venue.md §2.4): quantities truncated to LOT_SIZE, prices on the tick; fills with exact
decimal strings, each trade id once; ends only after the fills they cover; a lost, 5xx, −1000 or −1007 submit
queried before anything else and resent under the same client order id only after −2013; −4116 taken as
proof the order landed.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal, ROUND_CEILING, ROUND_FLOOR

import _checkout  # noqa: F401  (dita_workbench from python/src when it is not installed)
from dita_workbench.bridge import serve_adapter
from dita_workbench.messages import AdapterCapabilities

CAPABILITIES: AdapterCapabilities = {"name": "python-wire-example", "version": "1", "orderTypes": ["LIMIT"], "cancel": True, "queryOrder": True,
                "feeAssets": ["USDT", "BNB"], "balanceReports": False}
REST = os.environ.get("WORKBENCH_VENUE_REST_URL", "")
KEY = os.environ.get("WORKBENCH_VENUE_API_KEY", "")
SECRET = os.environ.get("WORKBENCH_VENUE_API_SECRET", "")
TIMEOUT_S = 5
UNKNOWN_CODES = (-1000, -1006, -1007)

state: dict = {}


def call(method: str, path: str, params: dict, signed: bool = True) -> tuple[int, object]:
    """One HTTP request; (0, None) when no answer came back (the fate of an order request is then unknown)."""
    query = urllib.parse.urlencode(params)
    if signed:
        query = urllib.parse.urlencode({**params, "timestamp": int(time.time() * 1000)})
        query += "&signature=" + hmac.new(SECRET.encode(), query.encode(), hashlib.sha256).hexdigest()
    url, body = REST + path, None
    if method == "POST":
        body = query.encode()
    elif query:
        url += "?" + query
    req = urllib.request.Request(url, data=body, method=method, headers={"X-MBX-APIKEY": KEY, "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT_S) as res:
            return res.status, json.loads(res.read() or b"null")
    except urllib.error.HTTPError as e:
        try:
            return e.code, json.loads(e.read() or b"null")
        except ValueError:
            return e.code, None
    except (urllib.error.URLError, OSError, ValueError):
        return 0, None


def code_of(body: object) -> int | None:
    return body.get("code") if isinstance(body, dict) else None


def fate_unknown(status: int, body: object) -> bool:
    code = code_of(body)
    return status == 0 or code in UNKNOWN_CODES or (status >= 500 and code != -1001)


def reset(config: dict) -> None:
    state.clear()
    state.update(config=config, orders={}, filters={}, hedged=False)
    status, info = call("GET", "/fapi/v1/exchangeInfo", {}, signed=False)
    if status != 200:
        raise RuntimeError(f"exchangeInfo answered {status}")
    for s in info["symbols"]:
        f = {x["filterType"]: x for x in s["filters"]}
        state["filters"][s["symbol"]] = {"step": Decimal(f["LOT_SIZE"]["stepSize"]), "minQty": Decimal(f["LOT_SIZE"]["minQty"]),
                                         "tick": Decimal(f["PRICE_FILTER"]["tickSize"])}
    status, mode = call("GET", "/fapi/v1/positionSide/dual", {})
    state["hedged"] = status == 200 and mode.get("dualSidePosition") is True


def text(x: Decimal) -> str:
    s = format(x.normalize(), "f")
    return s if s not in ("-0", "") else "0"


def deliver(out: dict, o: dict, d: dict) -> None:
    o["spoken"] = True
    out["deliver"].append(d)


def submit(out: dict, c: dict) -> None:
    f = state["filters"][c["asset"]]
    o = {"cid": c["clientOrderId"], "symbol": c["asset"], "kernel_qty": Decimal(c["qty"]), "sent": None, "fate": "pending", "spoken": False,
         "ended": False, "done": False, "trades": set(), "delivered": Decimal(0), "end": None, "venue_id": None, "params": None}
    state["orders"][o["cid"]] = o
    if o["kernel_qty"] < f["minQty"]:
        o["ended"] = o["done"] = True
        deliver(out, o, {"kind": "order_rejected", "orderId": o["cid"], "venueCode": "LOCAL_QTY_BELOW_MIN", "message": "quantity truncates below minQty"})
        return
    qty = f["minQty"] + ((o["kernel_qty"] - f["minQty"]) / f["step"]).to_integral_value(rounding=ROUND_FLOOR) * f["step"]
    ref = Decimal(c["referencePrice"]) / f["tick"]
    price = ref.to_integral_value(rounding=ROUND_FLOOR if c["orderSide"] == "BUY" else ROUND_CEILING) * f["tick"]
    o["sent"] = qty
    params = {"symbol": c["asset"], "side": c["orderSide"], "type": "LIMIT", "quantity": text(qty), "price": text(price), "timeInForce": "GTC",
              "newClientOrderId": o["cid"]}
    if state["hedged"]:
        params["positionSide"] = "LONG" if (c["orderSide"] == "BUY") != c["reduceOnly"] else "SHORT"
    elif c["reduceOnly"]:
        params["reduceOnly"] = "true"
    o["params"] = params
    place(out, o)


def place(out: dict, o: dict) -> None:
    status, body = call("POST", "/fapi/v1/order", o["params"])
    if status == 200:
        o["fate"], o["venue_id"] = "placed", body["orderId"]
        if not o["spoken"] and body["status"] == "NEW":
            deliver(out, o, {"kind": "order_accepted", "orderId": o["cid"]})
    elif fate_unknown(status, body):
        o["fate"] = "unknown"
        query(out, o)
    elif code_of(body) == -4116:
        o["fate"] = "placed"  # the first attempt landed; polling finds it
    else:
        o["fate"], o["ended"], o["done"] = "rejected", True, True
        deliver(out, o, {"kind": "order_rejected", "orderId": o["cid"], "venueCode": str(code_of(body) or status), "message": str((body or {}).get("msg", ""))})


def query(out: dict, o: dict) -> None:
    status, body = call("GET", "/fapi/v1/order", {"symbol": o["symbol"], "origClientOrderId": o["cid"]})
    if status == 200:
        o["fate"], o["venue_id"] = "placed", body["orderId"]
    elif code_of(body) == -2013:
        o["fate"] = "absent"
        place(out, o)  # proven absent: send it again under the same client order id


def cancel(out: dict, c: dict) -> None:
    o = state["orders"].get(c["clientOrderId"])
    status, body = call("DELETE", "/fapi/v1/order", {"symbol": c["asset"], "origClientOrderId": c["clientOrderId"]})
    if o is not None and status == 200 and body["status"] == "CANCELED" and Decimal(body["executedQty"]) < Decimal(body["origQty"]):
        o["end"] = ("order_canceled", Decimal(body["executedQty"]))


def poll(out: dict, o: dict) -> None:
    """The status (and the venue's order id, unknown after a −4116), then the executions, each trade id once;
    an end waits for the fills it covers."""
    status, body = call("GET", "/fapi/v1/order", {"symbol": o["symbol"], "origClientOrderId": o["cid"]})
    if status != 200:
        return
    o["venue_id"] = body["orderId"]
    status, trades = call("GET", "/fapi/v1/userTrades", {"symbol": o["symbol"], "orderId": o["venue_id"]})
    if status != 200:
        return
    for t in trades:
        if t["id"] in o["trades"]:
            continue
        o["trades"].add(t["id"])
        fee = Decimal(t["commission"])
        if t["commissionAsset"] != state["config"]["quoteAsset"]:
            fee *= Decimal(state["config"]["assetPrices"][t["commissionAsset"]])
        o["delivered"] += Decimal(t["qty"])
        deliver(out, o, {"kind": "order_filled", "orderId": o["cid"], "fillId": f"{t['symbol']}:{t['id']}", "qty": t["qty"], "price": t["price"], "fee": text(fee)})
    x, z = body["status"], Decimal(body["executedQty"])
    if x == "NEW" and not o["spoken"]:
        deliver(out, o, {"kind": "order_accepted", "orderId": o["cid"]})
    if x in ("CANCELED", "EXPIRED") and z < Decimal(body["origQty"]):
        o["end"] = ("order_canceled" if x == "CANCELED" else "order_expired", z)
    if x == "FILLED" and o["sent"] < o["kernel_qty"]:
        o["end"] = ("order_expired", z)  # filled on the venue, short of the kernel's finer quantity
    if o["end"] is not None and not o["ended"] and o["delivered"] >= o["end"][1]:
        o["ended"] = True
        deliver(out, o, {"kind": o["end"][0], "orderId": o["cid"]})
    o["done"] = x in ("FILLED", "CANCELED", "EXPIRED") and o["delivered"] >= z


def on_event(event: dict) -> dict:
    out: dict = {"deliver": []}
    if event["type"] == "command":
        c = event["command"]
        submit(out, c) if c["type"] == "SubmitOrder" else cancel(out, c)
    elif event["type"] == "sync":
        for o in list(state["orders"].values()):
            if o["fate"] == "unknown":
                query(out, o)
            if o["fate"] == "placed" and not o["done"]:
                poll(out, o)
    return out


if __name__ == "__main__":
    if not REST:
        print("wire_adapter.py: WORKBENCH_VENUE_REST_URL is not set (run it under workbench fuzz --venue wire)", file=sys.stderr)
        sys.exit(2)
    serve_adapter("python-wire-adapter", reset, on_event, CAPABILITIES, capabilities=["cancel"])
