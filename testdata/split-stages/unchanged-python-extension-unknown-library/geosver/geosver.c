#include <Python.h>
#include <geos_c.h>
static struct PyModuleDef m = {PyModuleDef_HEAD_INIT, "geosver", NULL, -1, NULL};
PyMODINIT_FUNC PyInit_geosver(void) { return PyModule_Create(&m); }
