#include <Python.h>
#include <libxml/xmlversion.h>
#include <libxml/parser.h>
static PyObject *ver(PyObject *s, PyObject *a) { xmlCheckVersion(LIBXML_VERSION); return PyUnicode_FromString(xmlParserVersion); }
static PyMethodDef M[] = {{"ver", ver, METH_NOARGS, ""}, {0}};
static struct PyModuleDef D = {PyModuleDef_HEAD_INIT, "cv", 0, -1, M};
PyMODINIT_FUNC PyInit_cv(void) { return PyModule_Create(&D); }
