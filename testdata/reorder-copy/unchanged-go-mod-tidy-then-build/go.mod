module example.com/monitor

go 1.22

require github.com/shirou/gopsutil/v3 v3.24.5
