#!/usr/bin/env python3
"""Stands in for what lies outside our walls when scripts/cluster.sh runs the host in Production on one machine:
WeChat's HTTP APIs (access token, JS-SDK ticket, customer-service and template messages), WeChat's OAuth2 pages
(a picker of the demo citizens instead of WeChat's silent sign-in), and the SMS gateway. It sends nothing anywhere;
every message it is given is appended, as one JSON line, to the file named by --record (customer-service and
template messages, SMS codes), which the fault tool counts. Loopback only."""
import argparse, html, json, secrets, ssl, threading, time, urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DEMO = [("demo-openid-1", "张伟"), ("demo-openid-2", "李娜"), ("demo-openid-3", "王强"), ("demo-openid-4", "刘洋"),
        ("demo-openid-5", "陈建国"), ("demo-openid-6", "赵敏（未绑定）")]
codes, lock = {}, threading.Lock()
record_file = None


def record(kind, body):
    line = json.dumps({"kind": kind, "at": time.time(), "body": body}, ensure_ascii=False)
    with lock, open(record_file, "a", encoding="utf-8") as f:
        f.write(line + "\n")


class StandIn(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, content_type="application/json; charset=utf-8", headers=()):
        data = body.encode("utf-8") if isinstance(body, str) else json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            # .NET's JsonContent (the SMS gateway client) sends no Content-Length.
            raw = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                raw += self.rfile.read(size)
                self.rfile.readline()
        else:
            n = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(n) if n else b""
        try:
            return json.loads(raw or b"{}")
        except ValueError:
            return {"raw": raw.decode("utf-8", "replace")}

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(url.query))
        if url.path == "/cgi-bin/ticket/getticket":
            return self.reply(200, {"errcode": 0, "errmsg": "ok", "ticket": "standin-" + secrets.token_hex(8), "expires_in": 7200})
        if url.path == "/connect/oauth2/authorize":
            links = "".join(
                f'<li><a href="/standin/pick?{urllib.parse.urlencode({"openid": o, "redirect_uri": q.get("redirect_uri", ""), "state": q.get("state", "")})}">{html.escape(n)}</a></li>'
                for o, n in DEMO + [("standin-" + secrets.token_hex(6), "新的微信用户")])
            return self.reply(200, f'<!DOCTYPE html><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
                                   f'<h3>微信授权（本机替身）</h3><p>选择以谁的身份进入：</p><ul>{links}</ul>', "text/html; charset=utf-8")
        if url.path == "/standin/pick":
            code = secrets.token_urlsafe(16)
            with lock:
                codes[code] = q.get("openid", "")
            target = q.get("redirect_uri", "")
            sep = "&" if "?" in target else "?"
            return self.reply(302, "", "text/plain", [("Location", f"{target}{sep}code={code}&state={urllib.parse.quote(q.get('state', ''))}")])
        if url.path == "/sns/oauth2/access_token":
            with lock:
                openid = codes.pop(q.get("code", ""), None)
            if openid is None:
                return self.reply(200, {"errcode": 40163, "errmsg": "code been used"})
            return self.reply(200, {"access_token": "web-" + secrets.token_hex(8), "expires_in": 7200, "openid": openid, "scope": "snsapi_base"})
        if url.path == "/ping":
            return self.reply(200, "pong", "text/plain")
        return self.reply(404, {"errcode": 404})

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        body = self.body()
        if url.path == "/cgi-bin/stable_token":
            return self.reply(200, {"access_token": "standin-" + secrets.token_hex(16), "expires_in": 7200})
        if url.path == "/cgi-bin/message/custom/send":
            record("custom", body)
            return self.reply(200, {"errcode": 0, "errmsg": "ok"})
        if url.path == "/cgi-bin/message/template/send":
            record("template", body)
            return self.reply(200, {"errcode": 0, "errmsg": "ok", "msgid": secrets.randbelow(10**12)})
        if url.path == "/cgi-bin/menu/create":
            return self.reply(200, {"errcode": 0, "errmsg": "ok"})
        if url.path == "/sms":
            record("sms", body)
            return self.reply(200, {"ok": True})
        return self.reply(404, {"errcode": 404})


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=5189)
    p.add_argument("--record", required=True)
    # HTTPS as WeChat's and the SMS gateway's own addresses are: a Production host accepts only https:// for them.
    p.add_argument("--tls-cert")
    p.add_argument("--tls-key")
    a = p.parse_args()
    record_file = a.record
    server = ThreadingHTTPServer(("127.0.0.1", a.port), StandIn)
    if a.tls_cert:
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(a.tls_cert, a.tls_key)
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    server.serve_forever()
