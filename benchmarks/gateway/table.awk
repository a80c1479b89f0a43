# results.tsv (run.sh) -> Markdown: per mode and target the median of the rounds, the ratio to the peer's median
# requests/s, and the spread. Plain POSIX awk (Debian's mawk has no asort).
function median(list,    n, a, i, j, v) {
  n = split(list, a, " ")
  for (i = 2; i <= n; i++) { v = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > v; j--) a[j + 1] = a[j]; a[j + 1] = v }
  return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function lo(list,    n, a, i, m) { n = split(list, a, " "); m = a[1] + 0; for (i = 2; i <= n; i++) if (a[i] + 0 < m) m = a[i] + 0; return m }
function hi(list,    n, a, i, m) { n = split(list, a, " "); m = a[1] + 0; for (i = 2; i <= n; i++) if (a[i] + 0 > m) m = a[i] + 0; return m }
function ms(us) { return us >= 100000 ? sprintf("%.0f ms", us / 1000) : sprintf("%.1f ms", us / 1000) }
function name(t) {
  return t == "upstream" ? "upstream alone (no gateway)" : t == "peer" ? "peer: Portkey gateway 1.15.2" \
    : t == "confidant-off" ? "Confidant, pseudonymization off" : t == "confidant-on" ? "Confidant, pseudonymization on" \
    : t == "confidant-on-new" ? "Confidant, pseudonymization on, new text each request" : t
}
NR > 1 {
  k = $1 SUBSEP $2
  if (!(k in rps)) { order[++n] = k; mode[k] = $1; target[k] = $2 }
  rps[k] = rps[k] " " $4; p50[k] = p50[k] " " $5; p99[k] = p99[k] " " $6; err[k] += $7; cpu[k] = cpu[k] " " $8
  load[k] = load[k] " " $9 " " $10
}
END {
  print "| mode | gateway | requests/s | vs peer | p50 | p99 | gateway CPU per request | errors | load average |"
  print "|---|---|---:|---:|---:|---:|---:|---:|---|"
  for (i = 1; i <= n; i++) {
    k = order[i]; peer = mode[k] SUBSEP "peer"
    ratio = (peer in rps) && median(rps[peer]) > 0 ? sprintf("%.2fx", median(rps[k]) / median(rps[peer])) : "-"
    printf "| %s | %s | %d (%d-%d) | %s | %s | %s | %d us | %d | %.1f-%.1f |\n", mode[k], name(target[k]),
      median(rps[k]), lo(rps[k]), hi(rps[k]), ratio, ms(median(p50[k])), ms(median(p99[k])), median(cpu[k]), err[k],
      lo(load[k]), hi(load[k])
  }
}
