#include <node_api.h>
static napi_value Hello(napi_env env, napi_callback_info info){napi_value s;napi_create_string_utf8(env,"native-hello",NAPI_AUTO_LENGTH,&s);return s;}
NAPI_MODULE_INIT(){napi_value fn;napi_create_function(env,NULL,0,Hello,NULL,&fn);napi_set_named_property(env,exports,"hello",fn);return exports;}
