import pyximport
pyximport.install()
import fastmath
print(fastmath.add(1, 2))
