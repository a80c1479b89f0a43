# ttfc.tsv (run.sh) -> Markdown: SSE time to first chunk, one request at a time, and each gateway's overhead over
# the upstream's own (p50 minus the upstream's p50).
function ms(us) { return sprintf("%.2f ms", us / 1000) }
NR > 1 { t[++n] = $1; p50[$1] = $2; p90[$1] = $3; p99[$1] = $4; total[$1] = $5; err[$1] = $6; load[$1] = $7 }
END {
  print "| SSE, one request at a time | time to first chunk p50 | p90 | p99 | overhead p50 over the upstream | whole stream p50 | errors | load |"
  print "|---|---:|---:|---:|---:|---:|---:|---:|"
  for (i = 1; i <= n; i++) {
    k = t[i]
    over = ("upstream" in p50) && k != "upstream" ? sprintf("+%s", ms(p50[k] - p50["upstream"])) : "-"
    printf "| %s | %s | %s | %s | %s | %s | %d | %.1f |\n", k, ms(p50[k]), ms(p90[k]), ms(p99[k]), over, ms(total[k]),
      err[k], load[k]
  }
}
