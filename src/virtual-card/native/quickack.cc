// Sets TCP_QUICKACK on a socket. Node has no API for it, and without it the Linux delayed ACK
// costs ~40 ms per APDU against Debian's vpcd, which writes the length and the APDU separately.
#include <node_api.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

static napi_value SetQuickAck(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_value result;
  int32_t fd = -1;
  bool ok = false;
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) == napi_ok && argc >= 1 &&
      napi_get_value_int32(env, argv[0], &fd) == napi_ok && fd >= 0) {
    int one = 1;
    ok = setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one) == 0;
  }
  napi_get_boolean(env, ok, &result);
  return result;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "setQuickAck", NAPI_AUTO_LENGTH, SetQuickAck, nullptr, &fn);
  napi_set_named_property(env, exports, "setQuickAck", fn);
  return exports;
}
