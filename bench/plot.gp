# plot.gp: bench/compare.sh's plot of the ratios to bare.
# gnuplot -e "datafile='...'; outfile='...'; subtitle='...'" plot.gp
set terminal svg size 960,540 dynamic font "sans,11" background "white"
set output outfile
set title "sysjail and its peers: time relative to bare (median; log scale)\n".subtitle
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set logscale y
set yrange [0.1:*]
set ylabel "ratio to bare (1 = no overhead)"
set grid ytics
set key outside right top
set xtics nomirror rotate by -30
set datafile missing "NaN"
plot for [i=2:6] datafile using i:xtic(1) title columnheader(i), \
    1 with lines lt -1 dt 2 notitle
