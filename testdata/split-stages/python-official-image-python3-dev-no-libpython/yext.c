#include <Python.h>
#include <yaml.h>
static PyObject* ver(PyObject* s, PyObject* a){ return PyUnicode_FromString(yaml_get_version_string()); }
static PyMethodDef M[] = {{"ver", ver, METH_NOARGS, ""},{NULL,NULL,0,NULL}};
static struct PyModuleDef D = {PyModuleDef_HEAD_INIT, "yext", NULL, -1, M};
PyMODINIT_FUNC PyInit_yext(void){ return PyModule_Create(&D); }
