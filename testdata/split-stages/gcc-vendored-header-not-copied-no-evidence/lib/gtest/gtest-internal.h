// A vendored test library the image never copies.
#define GTEST_CHECK_(c) if (!(c)) fail("make sure there is only one present at " __FILE__)
