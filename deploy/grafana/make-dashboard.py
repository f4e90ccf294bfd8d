#!/usr/bin/env python3
"""Writes deploy/grafana/wechatfund.json, the operators' dashboard (Grafana 10+, import with a Prometheus data source).
Edit the panels here and run it again; the JSON is what Grafana imports."""
import json, os

DS = {"type": "prometheus", "uid": "${DS_PROMETHEUS}"}
panels = []


def panel(title, exprs, unit="short", kind="timeseries", desc="", legend=None, w=12, h=8):
    n = len(panels)
    targets = [{"datasource": DS, "expr": e, "legendFormat": (legend[i] if legend else "__auto"), "refId": chr(65 + i)}
               for i, e in enumerate(exprs)]
    panels.append({
        "id": n + 1, "type": kind, "title": title, "description": desc, "datasource": DS,
        "gridPos": {"x": (n % 2) * 12 if w == 12 else 0, "y": (n // 2) * h, "w": w, "h": h},
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
        "options": {"legend": {"displayMode": "table", "placement": "right", "calcs": ["lastNotNull", "max"]}} if kind == "timeseries" else {},
        "targets": targets,
    })


panel("Instances up", ['up{job="wechatfund"}'], kind="stat", legend=["{{instance}}"],
      desc="1 while Prometheus can scrape the instance; alert WechatFundInstanceDown at 0 for a minute.")
panel("Pushes answered per second", ['sum by (outcome) (rate(wechatfund_wechat_pushes_total[1m]))'], "reqps",
      legend=["{{outcome}}"], desc="/wechat: reply (XML), success (answered later or nothing to say), empty, refused_<status>.")
panel("Repeat deliveries and the MariaDB fallback", [
    'sum by (store, answer) (rate(wechatfund_wechat_dedup_retries_total[1m]))',
    'sum(rate(wechatfund_wechat_dedup_fallback_total[1m]))',
    'sum(rate(wechatfund_wechat_dedup_handed_over_total[1m]))'], "reqps",
      legend=["retry {{store}} {{answer}}", "deduplicated in MariaDB", "claims handed over"],
      desc="Retries answered from the stored reply, and pushes deduplicated in MariaDB while Redis is away (alert WechatFundDedupFallbackInUse).")
panel("Outbox backlog and oldest row", ['max(wechatfund_outbox_backlog)', 'max(wechatfund_outbox_oldest_age_seconds)'],
      legend=["waiting", "oldest (s)"], desc="Template messages not yet sent; alert WechatFundOutboxStuck when the oldest waits > 5 min.")
panel("Template messages sent per second", ['sum by (outcome) (rate(wechatfund_outbox_sends_total[1m]))'], "reqps",
      legend=["{{outcome}}"])
panel("WeChat API answers by errcode", ['sum by (api, errcode) (rate(wechatfund_wechat_api_answers_total[1m]))'], "reqps",
      legend=["{{api}} {{errcode}}"], desc="0 success; -1 system busy, 40001 token, 43004 unfollowed, 45009 quota; http_<status> without a JSON answer.")
panel("Remittances and ledger postings per second", [
    'sum(rate(wechatfund_remittances_total[1m]))', 'sum by (business_type) (rate(wechatfund_ledger_postings_total[1m]))'], "ops",
      legend=["汇缴 bookings", "postings {{business_type}}"])
panel("SMS codes", ['sum(rate(wechatfund_sms_sent_total[5m]))', 'sum by (reason) (rate(wechatfund_sms_refused_total[5m]))'],
      "reqps", legend=["sent", "refused {{reason}}"])
panel("Sign-ins refused", ['sum by (step, reason) (rate(wechatfund_signin_refused_total[5m]))'], "reqps",
      legend=["{{step}} {{reason}}"], desc="wrong_proof, client_limited, locked, busy by step: password (citizens), staff (counter), operator (employer hall) …")
panel("p99 request duration by route", [
    'histogram_quantile(0.99, sum by (le, http_route) (rate(http_server_request_duration_seconds_bucket{job="wechatfund"}[1m])))'],
      "s", legend=["{{http_route}}"], desc="Goals: /wechat ≤ 25 ms, pages ≤ 50 ms.")
panel("Requests per second by status", [
    'sum by (http_response_status_code) (rate(http_server_request_duration_seconds_count{job="wechatfund"}[1m]))'],
      "reqps", legend=["{{http_response_status_code}}"], desc="Alert WechatFundHigh5xxRate above 2 % 5xx over 5 minutes.")
panel("Working set per instance", ['dotnet_process_memory_working_set_bytes{job="wechatfund"}'], "bytes",
      legend=["{{instance}}"], desc="The peak-day goal is ≤ 250 MB per instance.")

board = {
    "__inputs": [{"name": "DS_PROMETHEUS", "label": "Prometheus", "type": "datasource", "pluginId": "prometheus", "pluginName": "Prometheus"}],
    "title": "WechatFund — 汇缴日 operations", "uid": "wechatfund-ops", "schemaVersion": 39, "version": 1,
    "editable": True, "time": {"from": "now-1h", "to": "now"}, "refresh": "10s", "tags": ["wechatfund"],
    "timezone": "Asia/Shanghai", "panels": panels, "templating": {"list": []}, "annotations": {"list": []},
}
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "wechatfund.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump(board, f, ensure_ascii=False, indent=2)
    f.write("\n")
print(out)
