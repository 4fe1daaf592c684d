#include <Python.h>
#include <yaml.h>

static PyObject *version(PyObject *self, PyObject *args) { return PyUnicode_FromString(yaml_get_version_string()); }

static PyMethodDef methods[] = {{"version", version, METH_NOARGS, "libyaml version"}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "yamlver", NULL, -1, methods};

PyMODINIT_FUNC PyInit_yamlver(void) { return PyModule_Create(&module); }
