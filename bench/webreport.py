"""The README table of bench/web.py, made from bench/results/web.json."""

import re
from pathlib import Path

START, END = "<!-- bench-web:start -->", "<!-- bench-web:end -->"


def _cell(runs: list[dict], key: str = "rps") -> str:
    values = []
    for run in sorted(runs, key=lambda r: r["round"]):
        value = run.get(key)
        text = "–" if value is None else f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"
        values.append(text if run["valid"] else f"{text}✗")
    return " / ".join(values) or ""


def _ratio(mine: list[dict], theirs: list[dict], percent: bool = False) -> str:
    pairs = [
        (a["rps"], b["rps"])
        for a in mine
        for b in theirs
        if a["round"] == b["round"] and a["valid"] and b["valid"] and b["rps"]
    ]
    if not pairs:
        return ""
    values = [a / b for a, b in pairs]
    fmt = (lambda v: f"{v * 100:.0f} %") if percent else (lambda v: f"{v:.1f}×")
    low, high = min(values), max(values)
    return fmt(low) if fmt(low) == fmt(high) else f"{fmt(low)}–{fmt(high)}"


def table(entry: dict) -> str:
    runs = entry["runs"]
    targets = list(dict.fromkeys(r["target"] for r in runs if r["page"] != "static"))
    pages = list(dict.fromkeys(r["page"] for r in runs if r["page"] != "static"))
    static = [r for r in runs if r["page"] == "static"]
    wordpress = "WordPress" in targets
    ours = [t for t in targets if t != "WordPress"]
    head = ["page", *(f"{t} req/s" for t in targets)]
    if wordpress:
        head += [f"{t.removeprefix('ours ')} ÷ WordPress" for t in ours if "cache off" in t]
    if static:
        head += [f"{t.removeprefix('ours ')} ÷ static" for t in ours if "cache on" in t]
    head += ["p50 / p99 ms (ours, round 2)", "bytes"]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for page in pages:
        of = {t: [r for r in runs if r["page"] == page and r["target"] == t] for t in targets}
        row = [page, *(_cell(of[t]) for t in targets)]
        if wordpress:
            row += [_ratio(of[t], of["WordPress"]) for t in ours if "cache off" in t]
        if static:
            row += [_ratio(of[t], static, percent=True) for t in ours if "cache on" in t]
        last = [r for t in ours for r in of[t] if r["round"] == entry["rounds"]]
        row.append(", ".join(f"{r['p50_ms']} / {r['p99_ms']}" for r in last))
        sizes = {r["wire_bytes"] if "gzip" in page else r["bytes"] for r in of[ours[0]]}
        row.append(" ".join(f"{s:,}" for s in sorted(sizes)))
        lines.append("| " + " | ".join(row) + " |")
    if static:
        lines.append(f"| static file (nginx) | {_cell(static)} |" + " |" * (len(head) - 2))
    rss = [r["peak_rss_mb"] for r in runs if r.get("peak_rss_mb")]
    loads = [r["load_avg"] for r in runs]
    invalid = [r for r in runs if not r["valid"]]
    notes = [
        f"{entry['articles']:,} articles, {entry['database']}, {entry['wrk']}, "
        f"{entry['rounds']} rounds alternating; {entry['started_at']}.",
        f"Load average during the runs {min(loads):.1f}–{max(loads):.1f}; peak RSS per web "
        f"process {max(rss, default=0):.0f} MB.",
    ]
    if not wordpress:
        notes.append("The WordPress peer was not running.")
    if invalid:
        notes.append(f"✗: {len(invalid)} figures whose answers were not the real page.")
    return "\n".join(lines) + "\n\n" + " ".join(notes) + "\n"


def write_readme(results: dict, readme: Path) -> None:
    """Replace the text between the bench-web markers of the README with fresh tables."""
    body = "\n".join(f"**{key}**\n\n{table(entry)}" for key, entry in sorted(results.items()))
    text = readme.read_text()
    if START not in text:
        return
    text = re.sub(
        re.escape(START) + ".*?" + re.escape(END),
        lambda _m: f"{START}\n{body}{END}",
        text,
        flags=re.DOTALL,
    )
    readme.write_text(text)
