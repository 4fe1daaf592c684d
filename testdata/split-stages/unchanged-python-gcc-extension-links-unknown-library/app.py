import cv
print("libxml2", cv.ver())
