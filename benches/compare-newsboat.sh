#!/usr/bin/env bash
# amtsfeed side by side with newsboat on the same synthetic feeds, served from 127.0.0.1–4 by
# examples/feed_server.rs (GSB-style RSS, ETag/304, optional delay per response):
#   1. cold fetch of FEEDS × ITEMS, then the same fetch again (warm: all 304 for amtsfeed);
#   2. cold fetch with DELAY_MS latency per response;
#   3. start-up with a large cache (FEEDS × BIG_ITEMS articles), driven in tmux until the
#      list is on screen.
# Wall time and peak memory (GNU time, max RSS) for each, and the ratio newsboat / amtsfeed,
# all measured in this one run. Prints a Markdown table (for the README) on stdout.
#
# Usage: benches/compare-newsboat.sh   (env: FEEDS=200 ITEMS=100 BIG_ITEMS=500 DELAY_MS=50)
# Installs newsboat, tmux and GNU time from the distribution's packages when missing.
set -euo pipefail

FEEDS=${FEEDS:-200}
ITEMS=${ITEMS:-100}
BIG_ITEMS=${BIG_ITEMS:-500}
DELAY_MS=${DELAY_MS:-50}

cd "$(dirname "$0")/.."

log() { printf '%s\n' "$*" >&2; }

install_missing() {
    local missing=()
    command -v newsboat >/dev/null || missing+=(newsboat)
    command -v tmux >/dev/null || missing+=(tmux)
    [ -x /usr/bin/time ] || missing+=(time)
    [ ${#missing[@]} -eq 0 ] && return
    log "installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
}
install_missing

log "building (release)"
cargo build --release --quiet --bin amtsfeed --example feed_server
AMTSFEED=$PWD/target/release/amtsfeed
SERVER=$PWD/target/release/examples/feed_server

WORK=$(mktemp -d)
SERVER_PID=""
TMUX_SOCKET="amtsfeed-compare-$$"
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
    tmux -L "$TMUX_SOCKET" kill-server 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# start_server ITEMS DELAY_MS: serves FEEDS feeds; writes $WORK/urls (one URL per line).
start_server() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    "$SERVER" "$FEEDS" "$1" "$2" >"$WORK/urls" &
    SERVER_PID=$!
    for _ in $(seq 1 600); do
        [ "$(wc -l <"$WORK/urls")" -ge "$FEEDS" ] && return
        sleep 0.05
    done
    log "feed server did not start"; exit 1
}

# Fresh state for both readers (config, cache) in $WORK/run.
fresh() {
    rm -rf "$WORK/run"; mkdir -p "$WORK/run/amtsfeed-data" "$WORK/run/newsboat"
    {
        echo "full_text = false"
        echo "concurrency = 8"
        echo "per_host_concurrency = 2"
        local i=0
        while read -r url; do
            printf '\n[[feed]]\nname = "Ministerium %d"\nurl = "%s"\n' "$i" "$url"
            i=$((i + 1))
        done <"$WORK/urls"
    } >"$WORK/run/amtsfeed.toml"
    cp "$WORK/urls" "$WORK/run/newsboat/urls"
    : >"$WORK/run/newsboat/config"                       # newsboat's defaults (1 reload thread)
    echo "reload-threads 8" >"$WORK/run/newsboat/config8" # as many parallel feeds as amtsfeed
}

# timed OUTVAR CMD...: runs CMD, stores "seconds max_rss_kib" in OUTVAR (wall time from the
# shell, with millisecond resolution; GNU time only for the peak RSS).
timed() {
    local var=$1; shift
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" || true
    end=$(date +%s.%N)
    printf -v "$var" '%s %s' "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')" "$(tail -n 1 "$WORK/time")"
}

amtsfeed_fetch() { timed "$1" "$AMTSFEED" --config "$WORK/run/amtsfeed.toml" --data-dir "$WORK/run/amtsfeed-data" fetch --no-full-text; }
newsboat_reload() { # OUTVAR CONFIG
    timed "$1" newsboat -u "$WORK/run/newsboat/urls" -c "$WORK/run/newsboat/cache.db" \
        -C "$WORK/run/newsboat/$2" -x reload
}

# In tmux: start CMD, wait until the screen matches PATTERN, quit with KEY; "seconds max_rss".
screen_time() { # OUTVAR PATTERN KEY CMD...
    local var=$1 pattern=$2 key=$3; shift 3
    tmux -L "$TMUX_SOCKET" kill-server 2>/dev/null || true
    local attempt
    for attempt in 1 2 3; do
        tmux -L "$TMUX_SOCKET" new-session -d -s t -x 120 -y 40 \
            env -i PATH=/usr/bin:/bin TERM=xterm-256color HOME="$WORK/run" sh && break
        log "tmux did not start (attempt $attempt)"; sleep 1
    done
    sleep 0.3
    local line="/usr/bin/time -f '%e %M' -o $WORK/screen-time $*"
    tmux -L "$TMUX_SOCKET" send-keys -t t -l "$line"
    rm -f "$WORK/screen-time"
    local start end
    start=$(date +%s.%N)
    tmux -L "$TMUX_SOCKET" send-keys -t t Enter
    for _ in $(seq 1 12000); do
        if tmux -L "$TMUX_SOCKET" capture-pane -p -t t | grep -Eq "$pattern"; then break; fi
        sleep 0.005
    done
    end=$(date +%s.%N)
    tmux -L "$TMUX_SOCKET" send-keys -t t "$key"
    for _ in $(seq 1 400); do [ -s "$WORK/screen-time" ] && break; sleep 0.05; done
    local rss
    rss=$(tail -n 1 "$WORK/screen-time" | awk '{print $2}')
    printf -v "$var" '%s %s' "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')" "$rss"
}

ROWS=()
row() { # LABEL AMTSFEED_RESULT NEWSBOAT_RESULT
    local a_s a_kb n_s n_kb
    read -r a_s a_kb <<<"$2"
    read -r n_s n_kb <<<"$3"
    local ratio
    ratio=$(awk -v n="$n_s" -v a="$a_s" 'BEGIN { if (a > 0) printf "%.1f×", n / a; else print "–" }')
    ROWS+=("| $1 | $a_s s | $((a_kb / 1024)) MiB | $n_s s | $((n_kb / 1024)) MiB | $ratio |")
}

log "1/4 cold and warm fetch, $FEEDS × $ITEMS items"
start_server "$ITEMS" 0
fresh
amtsfeed_fetch a_cold
amtsfeed_fetch a_warm
newsboat_reload n_cold config
newsboat_reload n_warm config
rm -f "$WORK/run/newsboat/cache.db"*
newsboat_reload n_cold8 config8
row "cold fetch, $FEEDS feeds × $ITEMS items (newsboat: default, 1 thread)" "$a_cold" "$n_cold"
row "cold fetch, $FEEDS × $ITEMS (newsboat: reload-threads 8)" "$a_cold" "$n_cold8"
row "second fetch, nothing changed" "$a_warm" "$n_warm"

log "2/4 cold fetch with ${DELAY_MS} ms per response"
start_server "$ITEMS" "$DELAY_MS"
fresh
amtsfeed_fetch a_lat
newsboat_reload n_lat config
rm -f "$WORK/run/newsboat/cache.db"*
newsboat_reload n_lat8 config8
row "cold fetch with ${DELAY_MS} ms latency (newsboat: 1 thread)" "$a_lat" "$n_lat"
row "cold fetch with ${DELAY_MS} ms latency (newsboat: 8 threads)" "$a_lat" "$n_lat8"

log "3/4 filling both caches with $FEEDS × $BIG_ITEMS articles"
start_server "$BIG_ITEMS" 0
fresh
amtsfeed_fetch a_big
newsboat_reload n_big config8
row "cold fetch, $FEEDS × $BIG_ITEMS = $((FEEDS * BIG_ITEMS)) articles (newsboat: 8 threads)" "$a_big" "$n_big"

log "4/4 start-up with the large cache, in tmux until the list shows"
screen_time a_start 'Articles \([0-9]+\)' q \
    "$AMTSFEED" --config "$WORK/run/amtsfeed.toml" --data-dir "$WORK/run/amtsfeed-data"
screen_time n_start 'Synthetisches Ministerium' q \
    newsboat -u "$WORK/run/newsboat/urls" -c "$WORK/run/newsboat/cache.db" -C "$WORK/run/newsboat/config"
row "start-up to the list on screen, $((FEEDS * BIG_ITEMS)) cached" "$a_start" "$n_start"

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo "Machine: $(nproc) cores ($cpu), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr); $(newsboat --version | head -n 1 | cut -d' ' -f1-2), amtsfeed $("$AMTSFEED" --version | cut -d' ' -f2); $(date -u +%Y-%m-%d)."
echo
echo "| measurement | amtsfeed | amtsfeed peak RSS | newsboat | newsboat peak RSS | newsboat / amtsfeed |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
