#!/usr/bin/env bash
# Turns the measurements bench/run.sh recorded (a TSV file) into one Markdown section of
# bench/RESULTS.md: machine, versions, a table per size, download sizes, and each target
# of the performance issue checked against the figures.
set -euo pipefail
results=$1
pgbench=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | sort -V | tail -1)

cat <<EOF

## Run of $(date -u '+%Y-%m-%d %H:%M UTC') — commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (with uncommitted changes)')

- Machine: $(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r)
- Versions: $(rustc --version | cut -d' ' -f1-2), $("$pgbench" --version | sed 's/pgbench (PostgreSQL) /PostgreSQL /'), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)
- Load: wrk (2 threads) and the server and PostgreSQL on the same $(nproc) cores, over loopback; ${BENCH_SECONDS:-6} s measured after ${BENCH_WARMUP:-2} s of warm-up per row.
  "vs PostgreSQL": requests/s over pgbench's transactions/s for the same SQL at the same concurrency (-M prepared);
  "vs HTTP": requests/s over /healthz's on the same server stack.
EOF

awk -F'\t' '
function mb(kb) { return sprintf("%.1f MB", kb / 1024) }
function ratio(a, b) { return b > 0 ? sprintf("%.2f", a / b) : "–" }
$2 == "startup_ms"  { startup[$1] = $3; if (!($1 in seen)) { seen[$1] = 1; order[++sizes] = $1 } }
$2 == "idle_rss_kb" { idle[$1] = $3 }
$2 == "peak_rss_kb" { peak[$1] = $3 }
$2 == "count_exact" { exact[$1] = $3 }
$2 == "asset"       { assets[++nassets] = $3 "\t" $4 "\t" $5 "\t" $6 }
$2 == "next_runs"   { runs_label[++nruns] = $3; runs_us[nruns] = $4 }
$2 == "drawn_markup" { markup_how[++nmarkup] = $3; markup_us[nmarkup] = $4; markup_bytes[nmarkup] = $5 }
$2 == "load_view_ms" { load_ms = $3; load_runs = $4 }
$2 == "lighthouse"  { lh[++nlh] = $0 }
$2 == "page_bytes"  { page_name[++npages] = $3; page_b[npages] = $4 }
$2 == "endpoint" {
    key = $1 SUBSEP $3 SUBSEP $4
    rps[key] = $5; p50[key] = $6; p99[key] = $7; bad[key] = $8 + $9; tps[key] = $10
    if (!(($1, $3) in named)) { named[$1, $3] = 1; names[$1, ++nnames[$1]] = $3 }
    if (!($4 in conn_seen)) { conn_seen[$4] = 1; conns[++nconns] = $4 }
    if (index($3, "http ceiling") == 1) http[$1, $4] = $5
    nonok += $8 + $9
}
END {
    for (s = 1; s <= sizes; s++) {
        rows = order[s]
        printf "\n### %s schedules\n\n", rows
        printf "Start-up to first answer: %d ms. Server memory (RSS): %s idle, %s peak. `count` exact after the writes: %s.\n\n", startup[rows], mb(idle[rows]), mb(peak[rows]), exact[rows]
        print "| endpoint | connections | req/s | p50 ms | p99 ms | non-2xx or errors | pgbench tps | vs PostgreSQL | vs HTTP |"
        print "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
        for (c = 1; c <= nconns; c++) for (i = 1; i <= nnames[rows]; i++) {
            key = rows SUBSEP names[rows, i] SUBSEP conns[c]
            if (!(key in rps)) continue
            printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", names[rows, i], conns[c], rps[key], p50[key], p99[key], bad[key], \
                tps[key] == "" ? "–" : tps[key], tps[key] == "" ? "–" : ratio(rps[key], tps[key]), ratio(rps[key], http[rows, conns[c]])
        }
    }

    if (load_ms != "") {
        printf "\n### The load view (one user with 1,000 schedules, 7 days: %s runs)\n\n", load_runs
        printf "Server time (its Server-Timing, median of 40 requests one at a time): %s ms. Server memory (RSS) peak: %s.\n\n", load_ms, mb(peak["load"])
        print "| endpoint | connections | req/s | p50 ms | p99 ms | non-2xx or errors |"
        print "|---|---:|---:|---:|---:|---:|"
        for (c = 1; c <= nconns; c++) for (i = 1; i <= nnames["load"]; i++) {
            key = "load" SUBSEP names["load", i] SUBSEP conns[c]
            if (key in rps) printf "| %s | %s | %s | %s | %s | %s |\n", names["load", i], conns[c], rps[key], p50[key], p99[key], bad[key]
        }
    }

    print "\n### What the browser downloads (/pkg, served precompressed)\n"
    print "| file | raw | gzip | brotli |"
    print "|---|---:|---:|---:|"
    for (i = 1; i <= nassets; i++) {
        split(assets[i], a, "\t")
        printf "| %s | %.1f KB | %.1f KB | %.1f KB |\n", a[1], a[2] / 1024, a[3] / 1024, a[4] / 1024
    }

    if (npages > 0) {
        print "\n### What each page fetches of /pkg while loading and hydrating (brotli, as served; the end-to-end first-load test)\n"
        print "| page | bytes |"
        print "|---|---:|"
        for (i = 1; i <= npages; i++) printf "| %s | %d |\n", page_name[i], page_b[i]
    }

    if (nlh > 0) {
        print "\n### Lighthouse, mobile preset (simulated slow 4G, 4× CPU slowdown), Debian'"'"'s Chromium, signed in\n"
        print "| page | performance | accessibility | best practices | SEO | LCP ms | TBT ms | CLS | FCP ms | Speed Index ms |"
        print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        for (i = 1; i <= nlh; i++) {
            split(lh[i], l, "\t")
            printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", l[3], l[4], l[5], l[6], l[7], l[8], l[9], l[10], l[11], l[12]
        }
    }

    if (nruns > 0) {
        print "\n### The next 100 runs of a calendar schedule (Europe/Paris, across a clock change)\n"
        print "| expression | µs (best of 5 batches) |"
        print "|---|---:|"
        for (i = 1; i <= nruns; i++) printf "| %s | %s |\n", runs_label[i], runs_us[i]
    }

    if (nmarkup > 0) {
        print "\n### A timeline page'"'"'s lanes (10 lanes, 7 days, Europe/Paris): the writer against view!\n"
        print "| made with | µs (best of 5 batches) | bytes |"
        print "|---|---:|---:|"
        for (i = 1; i <= nmarkup; i++) printf "| %s | %s | %s |\n", markup_how[i], markup_us[i], markup_bytes[i]
    }

    print "\n### Targets\n"
    for (i = 1; i <= nruns; i++) printf "- Next 100 runs of %s under 50 µs: %s µs — %s\n", runs_label[i], runs_us[i], runs_us[i] < 50 ? "met" : "NOT met"
    for (s = 1; s <= sizes; s++) for (c = 1; c <= nconns; c++) {
        up = order[s] SUBSEP "GET upcoming?count=100 (calendar)" SUBSEP conns[c]
        by = order[s] SUBSEP "GET byid" SUBSEP conns[c]
        if ((up in rps) && (by in rps) && conns[c] == 16)
            printf "- GET /upcoming?count=100 of a calendar schedule ≥ 0.8 of GET byid (%s rows, 16 connections): %s — %s\n", order[s], ratio(rps[up], rps[by]), rps[up] >= 0.8 * rps[by] ? "met" : "NOT met"
    }
    for (s = 1; s <= sizes; s++) for (c = 1; c <= nconns; c++) {
        tl = order[s] SUBSEP "HTML /schedules/timeline?span=7d (10 lanes)" SUBSEP conns[c]
        li = order[s] SUBSEP "HTML /schedules" SUBSEP conns[c]
        if ((tl in p50) && (li in p50) && conns[c] == 16)
            printf "- Timeline of 10 lanes over 7 days, p50 ≤ 2 × the list page'"'"'s (%s rows, 16 connections): %s ms vs %s ms, %s — %s\n", order[s], p50[tl], p50[li], ratio(p50[tl], p50[li]), p50[tl] <= 2 * p50[li] ? "met" : "NOT met"
    }
    for (s = 1; s <= sizes; s++) for (c = 1; c <= nconns; c++) {
        p1 = order[s] SUBSEP "GET ?page=1" SUBSEP conns[c]
        for (i = 1; i <= nnames[order[s]]; i++) {
            n = names[order[s], i]
            if (n !~ /^GET \?tag=/ || conns[c] != 16) continue
            tg = order[s] SUBSEP n SUBSEP conns[c]
            if ((tg in p50) && (p1 in p50))
                printf "- %s, p50 ≤ 2 × the unfiltered page 1'"'"'s (%s rows, 16 connections): %s ms vs %s ms, %s — %s\n", n, order[s], p50[tg], p50[p1], ratio(p50[tg], p50[p1]), p50[tg] <= 2 * p50[p1] ? "met" : "NOT met"
        }
    }
    if (load_ms != "") printf "- Load view of 1,000 schedules over 7 days, server time < 50 ms: %s ms — %s\n", load_ms, load_ms < 50 ? "met" : "NOT met"
    first = order[1]; last = order[sizes]
    # Throughput against the PostgreSQL ceiling: the worst case over sizes and connections.
    split("GET byid|GET ?page=1|POST (cookie)|POST (bearer)|PUT (cookie)|PUT (bearer)", targets, "|")
    for (t = 1; t <= 6; t++) {
        goal = (targets[t] ~ /^GET/) ? 0.5 : 0.4; worst = ""; where = ""
        for (s = 1; s <= sizes; s++) for (c = 1; c <= nconns; c++) {
            key = order[s] SUBSEP targets[t] SUBSEP conns[c]
            if (!(key in rps) || tps[key] <= 0) continue
            r = rps[key] / tps[key]
            if (worst == "" || r < worst) { worst = r; where = order[s] " rows, " conns[c] " connections" }
        }
        if (worst != "") printf "- %s ≥ %.1f of the PostgreSQL ceiling: worst %.2f (%s) — %s\n", targets[t], goal, worst, where, worst >= goal ? "met" : "NOT met"
    }
    printf "- Zero non-2xx responses or socket errors in every run: %d — %s\n", nonok, nonok == 0 ? "met" : "NOT met"
    # Flat page cost at the largest size, at the lowest connection count.
    c1 = conns[1]
    for (i = 1; i <= nnames[last]; i++) {
        n = names[last, i]
        if (n ~ /^GET \?page=1$/) firstp = p50[last, n, c1]
        if (n ~ /^GET middle page/) midname = n
        if (n ~ /^GET last page/) lastname = n
    }
    if (firstp > 0) {
        rm = p50[last, midname, c1] / firstp; rl = p50[last, lastname, c1] / firstp
        printf "- At %s rows, p50 of the middle and last pages over the first page (%s connections): %.2f and %.2f (≤ 2) — %s\n", last, c1, rm, rl, (rm <= 2 && rl <= 2) ? "met" : "NOT met"
    }
    printf "- `count` exact after the writes at every size: %s\n", (exact[first] == "yes" && exact[last] == "yes") ? "met" : "NOT met"
    # Latency at the largest size against the smallest, endpoint by endpoint.
    if (sizes > 1) {
        worst = 0; which = ""
        for (i = 1; i <= nnames[first]; i++) {
            n = names[first, i]; sub(/ \([0-9]+\)$/, "", n)
            for (j = 1; j <= nnames[last]; j++) {
                m = names[last, j]; mm = m; sub(/ \([0-9]+\)$/, "", mm)
                if (mm != n) continue
                small = p50[first, names[first, i], c1]; large = p50[last, m, c1]
                if (small > 0 && large / small > worst) { worst = large / small; which = n }
            }
        }
        printf "- p50 at %s rows over p50 at %s rows, worst endpoint (%s connections): %.2f (%s) (≤ 2) — %s\n", last, first, c1, worst, which, worst <= 2 ? "met" : "NOT met"
    }
    maxidle = 0; maxpeak = 0
    for (s = 1; s <= sizes; s++) { if (idle[order[s]] > maxidle) maxidle = idle[order[s]]; if (peak[order[s]] > maxpeak) maxpeak = peak[order[s]] }
    printf "- Server RSS idle < 64 MB: %s — %s; under load < 128 MB: %s — %s\n", mb(maxidle), maxidle < 65536 ? "met" : "NOT met", mb(maxpeak), maxpeak < 131072 ? "met" : "NOT met"
    for (i = 1; i <= nlh; i++) {
        split(lh[i], l, "\t")
        all100 = l[4] == 100 && l[5] == 100 && l[6] == 100 && l[7] == 100
        printf "- Lighthouse mobile on %s: 100 in all four, LCP ≤ 1.5 s, TBT ≤ 50 ms, CLS 0: %s/%s/%s/%s, %s ms, %s ms, %s — %s\n", l[3], l[4], l[5], l[6], l[7], l[8], l[9], l[10], \
            (all100 && l[8] <= 1500 && l[9] <= 50 && l[10] + 0 == 0) ? "met" : "NOT met"
    }
    for (i = 1; i <= npages; i++) {
        limit = (page_name[i] == "new" || page_name[i] == "edit") ? 250 : 150
        printf "- First load of %s ≤ %d KB of /pkg (brotli, as served): %.1f KB — %s\n", page_name[i], limit, page_b[i] / 1024, page_b[i] <= limit * 1024 ? "met" : "NOT met"
    }
}' "$results"
