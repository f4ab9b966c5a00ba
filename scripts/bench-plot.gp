# Plot of scripts/bench: wall time and maximum RSS against N, log-log, one
# line per command. Called as
#   gnuplot -e "datafile='bench.dat'; outfile='bench.png'; nblocks=K; nmin=N0; nmax=N1" bench-plot.gp
# where bench.dat holds one block per command: a quoted title line, then
# "N seconds MB" lines, blocks separated by two blank lines.
set terminal pngcairo size 1400,520 font "sans,10"
set output outfile
set multiplot title "relfeed and its peers on synthetic announcement trees (median wall time, max RSS)"
set logscale xy
set grid
unset key
set xrange [nmin / 1.6 : nmax * 1.6]
set xlabel "announcements (N)"
set format x "%.0s%c"
set style data linespoints
set ylabel "seconds"
set title "time"
set lmargin at screen 0.05
set tmargin at screen 0.86
set bmargin at screen 0.12
set rmargin at screen 0.40
plot for [i=0:nblocks-1] datafile index i using 1:2 title columnheader(1) lw 2 pt 7
set ylabel "MB"
# One key for both plots: the lines have the same colours in each.
set key at screen 0.995, 0.88 right top vertical font ",9"
set title "maximum RSS"
set lmargin at screen 0.47
set rmargin at screen 0.82
plot for [i=0:nblocks-1] datafile index i using 1:3 title columnheader(1) lw 2 pt 7
unset multiplot
