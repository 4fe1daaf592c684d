import sys, statistics
nums = [float(a) for a in sys.argv[1:]]
print(statistics.mean(nums))
